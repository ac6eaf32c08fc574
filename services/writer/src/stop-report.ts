/** What a writer left behind when it stopped: nothing, or records the database did not take. */
export interface StopReport {
  /** Records taken in that no committed transaction carried; 0 = nothing was left behind. */
  unwritten: number;
  /**
   * True when they are gone with the process (the embedded channel's memory); false when the
   * source keeps them (Kafka: their offsets were not committed, the group's next writer reads
   * them again).
   */
  lost: boolean;
  /** The error of the last failed batch write, when one failed. */
  lastError: string | undefined;
  /** The flush deadline the stop had (WRITER_FLUSH_TIMEOUT_MS). */
  flushTimeoutMs: number;
}

/**
 * One sentence for the operator, or undefined when nothing was left behind. Counts in records
 * (messages and session events), as the writer received them.
 */
export function describeUnwritten(report: StopReport, noun = 'records'): string | undefined {
  if (report.unwritten === 0) return undefined;
  const seconds = report.flushTimeoutMs / 1000;
  const fate = report.lost
    ? 'they were held in memory and are lost'
    : 'their offsets are not committed: Kafka keeps them and the next writer of the group writes them';
  const why =
    report.lastError === undefined
      ? 'no database error was seen'
      : `last database error: ${report.lastError}`;
  return (
    `${report.unwritten} ${noun} not written: the database did not take ` +
    `them within the flush timeout of ${seconds} s (${why}); ${fate}`
  );
}
