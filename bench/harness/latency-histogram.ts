import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';

/** Exact-enough percentiles of millisecond values (HDR histogram, recorded in microseconds). */
export class LatencyHistogram {
  #h: RecordableHistogram = createHistogram();

  record(ms: number): void {
    this.#h.record(Math.max(1, Math.round(ms * 1000)));
  }

  reset(): void {
    this.#h = createHistogram();
  }

  get count(): number {
    return this.#h.count;
  }

  /** Percentile in ms (0 when empty). */
  percentileMs(p: number): number {
    return this.#h.count === 0 ? 0 : this.#h.percentile(p) / 1000;
  }

  summary(): { count: number; p50Ms: number; p99Ms: number; maxMs: number } {
    return {
      count: this.count,
      p50Ms: this.percentileMs(50),
      p99Ms: this.percentileMs(99),
      maxMs: this.#h.count === 0 ? 0 : this.#h.max / 1000,
    };
  }
}
