import type { BackpressureState, RawRecord, SessionEvent } from '@danmaku/records';

/** Estimated per-record cost beyond the body (object, key, headers), so tiny bodies still count. */
export const RECORD_OVERHEAD_BYTES = 160;
/** Session events are rare and must not be lost to a flood of chat: their own, generous cap. */
const MAX_SESSION_EVENTS = 100_000;

export interface RecordBufferOptions {
  maxBytes: number;
  maxRecords: number;
  /** `full` at this fraction of either cap, `drain` when both fall back under `lowRatio`. */
  highRatio?: number;
  lowRatio?: number;
  now?: () => number;
}

export interface Batch {
  records: RawRecord[];
  sessions: SessionEvent[];
  bytes: number;
}

/**
 * Bounded FIFO of accepted-but-unacknowledged records. Records taken for a send still count
 * against the caps until `release`, so memory stays bounded while a send hangs.
 */
export class RecordBuffer {
  readonly #maxBytes: number;
  readonly #maxRecords: number;
  readonly #high: number;
  readonly #low: number;
  readonly #now: () => number;
  #queue: RawRecord[] = [];
  #enqueuedAt: number[] = [];
  #head = 0;
  #sessions: SessionEvent[] = [];
  #records = 0;
  #bytes = 0;
  #pendingBytes = 0;
  #full = false;
  readonly #listeners = new Set<(state: BackpressureState) => void>();

  constructor(options: RecordBufferOptions) {
    this.#maxBytes = options.maxBytes;
    this.#maxRecords = options.maxRecords;
    this.#high = options.highRatio ?? 0.8;
    this.#low = options.lowRatio ?? 0.5;
    this.#now = options.now ?? Date.now;
  }

  get isFull(): boolean {
    return this.#full;
  }
  /** Records held, including those taken for a send in flight. */
  get records(): number {
    return this.#records;
  }
  get bytes(): number {
    return this.#bytes;
  }
  /** Records and session events waiting to be taken. */
  get pending(): number {
    return this.#queue.length - this.#head + this.#sessions.length;
  }
  get pendingBytes(): number {
    return this.#pendingBytes;
  }
  /** Enqueue time of the oldest waiting item, or undefined when nothing waits. */
  get oldestPendingAt(): number | undefined {
    if (this.#head < this.#queue.length) return this.#enqueuedAt[this.#head];
    return this.#sessions.length > 0 ? this.#now() : undefined;
  }

  /** False when a hard cap is reached: the caller counts and logs the drop. */
  push(record: RawRecord): boolean {
    const bytes = cost(record);
    if (this.#records + 1 > this.#maxRecords || this.#bytes + bytes > this.#maxBytes) return false;
    this.#queue.push(record);
    this.#enqueuedAt.push(this.#now());
    this.#records += 1;
    this.#bytes += bytes;
    this.#pendingBytes += bytes;
    this.#checkWatermarks();
    return true;
  }

  pushSession(event: SessionEvent): boolean {
    if (this.#sessions.length >= MAX_SESSION_EVENTS) return false;
    this.#sessions.push(event);
    return true;
  }

  /** Removes up to the limits from the head; the accounting stays until `release`. */
  take(maxRecords: number, maxBytes: number): Batch {
    const records: RawRecord[] = [];
    let bytes = 0;
    while (this.#head < this.#queue.length && records.length < maxRecords) {
      const record = this.#queue[this.#head] as RawRecord;
      const size = cost(record);
      if (records.length > 0 && bytes + size > maxBytes) break;
      records.push(record);
      bytes += size;
      this.#head += 1;
    }
    this.#pendingBytes -= bytes;
    this.#compact();
    const sessions = this.#sessions.splice(0, Math.max(1, maxRecords));
    return { records, sessions, bytes };
  }

  /** The batch was acknowledged (or definitively given up): free its share of the caps. */
  release(batch: Batch): void {
    this.#records -= batch.records.length;
    this.#bytes -= batch.bytes;
    this.#checkWatermarks();
  }

  /** Empties the buffer (shutdown); returns what was still held so it can be counted. */
  drainAll(): Batch {
    return this.take(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  }

  onBackpressure(listener: (state: BackpressureState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #checkWatermarks(): void {
    const fill = Math.max(this.#records / this.#maxRecords, this.#bytes / this.#maxBytes);
    if (!this.#full && fill >= this.#high) this.#emit(true);
    else if (this.#full && fill <= this.#low) this.#emit(false);
  }

  #emit(full: boolean): void {
    this.#full = full;
    for (const listener of this.#listeners) listener(full ? 'full' : 'drain');
  }

  #compact(): void {
    if (this.#head === this.#queue.length) {
      this.#queue = [];
      this.#enqueuedAt = [];
      this.#head = 0;
    } else if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#enqueuedAt = this.#enqueuedAt.slice(this.#head);
      this.#head = 0;
    }
  }
}

function cost(record: RawRecord | undefined): number {
  return record === undefined ? 0 : record.body.length + RECORD_OVERHEAD_BYTES;
}
