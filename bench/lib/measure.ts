export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export interface Timing<T> {
  result: T;
  /** Wall-clock seconds. */
  seconds: number;
  /**
   * CPU seconds used by this process (all its threads, so GC helpers count against the subject).
   * On a shared machine this tracks the work done, while wall time also counts waiting for a core.
   */
  cpuSeconds: number;
}

export function timed<T>(work: () => T): Timing<T> {
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  const result = work();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  return { result, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}
