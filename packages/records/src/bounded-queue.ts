export class QueueClosedError extends Error {
  constructor() {
    super('ingest queue is closed');
  }
}

/**
 * Bounded FIFO between the embedded collector and writer (where Kafka would be). The producer
 * either `tryPush`es (false when full: the caller counts the drop or stops reading) or awaits
 * `push`, which waits for room: backpressure instead of unbounded memory.
 */
export class BoundedQueue<T> {
  private items: T[] = [];
  private head = 0;
  private closed = false;
  private readonly spaceWaiters: (() => void)[] = [];
  private dataWaiter: (() => void) | undefined;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError('capacity must be a positive integer');
  }

  get size(): number {
    return this.items.length - this.head;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  tryPush(item: T): boolean {
    if (this.closed) throw new QueueClosedError();
    if (this.size >= this.capacity) return false;
    this.items.push(item);
    this.wakeReader();
    return true;
  }

  async push(item: T): Promise<void> {
    while (!this.tryPush(item)) {
      await new Promise<void>((resolve) => this.spaceWaiters.push(resolve));
    }
  }

  /** No more pushes; `take` still returns what is queued, then empty arrays. */
  close(): void {
    this.closed = true;
    this.wakeReader();
    for (const wake of this.spaceWaiters.splice(0)) wake();
  }

  /**
   * Up to `max` items: waits for the first one, then up to `lingerMs` for the batch to fill.
   * Resolves to [] only when closed and drained.
   */
  async take(max: number, lingerMs: number): Promise<T[]> {
    if (this.size === 0 && !this.closed) await this.waitForData(undefined);
    if (this.size > 0 && this.size < max && !this.closed && lingerMs > 0) {
      const deadline = Date.now() + lingerMs;
      while (this.size < max && !this.closed && Date.now() < deadline) {
        await this.waitForData(deadline - Date.now());
      }
    }
    return this.splice(max);
  }

  private splice(max: number): T[] {
    const end = Math.min(this.items.length, this.head + max);
    const out = this.items.slice(this.head, end);
    this.head = end;
    if (this.head > 4096 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    for (const wake of this.spaceWaiters.splice(0)) wake();
    return out;
  }

  private waitForData(timeoutMs: number | undefined): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = timeoutMs === undefined ? undefined : setTimeout(done, timeoutMs);
      function done(): void {
        if (timer !== undefined) clearTimeout(timer);
        resolve();
      }
      this.dataWaiter = done;
    });
  }

  private wakeReader(): void {
    const wake = this.dataWaiter;
    this.dataWaiter = undefined;
    wake?.();
  }
}
