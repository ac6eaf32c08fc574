/** What an export did, for the summary line (and the benchmark's JSON). */
export interface ExportSummary {
  table: string;
  format: string;
  output: string;
  rows: number;
  bytes: number;
  seconds: number;
  rowsPerSecond: number;
}

export interface ExportProgress {
  /** The rows the export will read, once known (a TTY counts them first). */
  setTotal(rows: number): void;
  update(rows: number, bytes: number): void;
  finish(summary: ExportSummary): void;
}

const BAR_WIDTH = 24;
const REDRAW_MS = 200;

/**
 * On a terminal (stderr), a bar redrawn in place at most five times a second; otherwise nothing
 * until the summary line. Both go to stderr, so `-o -` leaves stdout to the data.
 */
export function exportProgress(
  write: (text: string) => void,
  tty: boolean,
  now: () => number = Date.now,
): ExportProgress {
  const startedAt = now();
  let total: number | undefined;
  let drawnAt = 0;
  return {
    setTotal(rows) {
      total = rows;
    },
    update(rows, bytes) {
      const at = now();
      if (!tty || at - drawnAt < REDRAW_MS) return;
      drawnAt = at;
      write(`\r\x1b[2K${progressLine(rows, total, bytes, (at - startedAt) / 1000)}`);
    },
    finish(summary) {
      write(`${tty ? '\r\x1b[2K' : ''}${summaryLine(summary)}\n`);
    },
  };
}

export function progressLine(
  rows: number,
  total: number | undefined,
  bytes: number,
  seconds: number,
): string {
  const rate = seconds > 0 ? Math.round(rows / seconds) : 0;
  const counts = `${rows.toLocaleString('en')} rows, ${megabytes(bytes)}, ${rate.toLocaleString('en')} rows/s`;
  if (total === undefined || total === 0) return counts;
  const share = Math.min(1, rows / total);
  const filled = Math.round(share * BAR_WIDTH);
  const bar = `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}]`;
  return `${bar} ${Math.floor(share * 100)}% ${rows.toLocaleString('en')}/${total.toLocaleString('en')} rows, ${megabytes(bytes)}, ${rate.toLocaleString('en')} rows/s`;
}

export function summaryLine(s: ExportSummary): string {
  return (
    `exported ${s.rows} rows of ${s.table} as ${s.format} to ${s.output === '-' ? 'stdout' : s.output}: ` +
    `${s.bytes} bytes in ${s.seconds.toFixed(2)} s (${Math.round(s.rowsPerSecond)} rows/s)`
  );
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
