export interface MessageQueueOptions {
  /** At this many buffered items the queue reports full (the owner pauses the socket). */
  highWaterMark: number;
  /** Called once each time the buffer reaches `highWaterMark`. */
  onFull: () => void;
  /** Called once the consumer has taken the buffer down to half of `highWaterMark` after a full. */
  onDrained: () => void;
  /** Called once when the consumer stops early (`break`, `return()`): unsubscribe here. */
  onReturn: () => void;
}

/**
 * The buffer behind `client.messages()`: a FIFO the socket side pushes into and one consumer
 * pulls from with `for await`. It never drops: the bound is enforced by pausing the producer
 * (onFull), so it can overshoot only by what was already read from the socket when it paused.
 */
export class MessageQueue<T> implements AsyncIterableIterator<T> {
  readonly #options: MessageQueueOptions;
  #items: T[] = [];
  #head = 0;
  #waiter: ((result: IteratorResult<T>) => void) | undefined;
  #full = false;
  #ended = false;

  constructor(options: MessageQueueOptions) {
    if (!Number.isInteger(options.highWaterMark) || options.highWaterMark < 1) {
      throw new RangeError('highWaterMark must be a positive integer');
    }
    this.#options = options;
  }

  get size(): number {
    return this.#items.length - this.#head;
  }

  get isFull(): boolean {
    return this.#full;
  }

  push(item: T): void {
    if (this.#ended) return;
    const waiter = this.#waiter;
    if (waiter !== undefined) {
      this.#waiter = undefined;
      waiter({ value: item, done: false });
      return;
    }
    this.#items.push(item);
    if (!this.#full && this.size >= this.#options.highWaterMark) {
      this.#full = true;
      this.#options.onFull();
    }
  }

  /** No more items will come; the consumer still gets what is buffered, then `done`. */
  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    const waiter = this.#waiter;
    this.#waiter = undefined;
    waiter?.({ value: undefined, done: true });
  }

  next(): Promise<IteratorResult<T>> {
    if (this.size > 0) return Promise.resolve({ value: this.#take(), done: false });
    if (this.#ended) return Promise.resolve({ value: undefined, done: true });
    if (this.#waiter !== undefined) return Promise.reject(new Error('next() called concurrently'));
    return new Promise((resolve) => {
      this.#waiter = resolve;
    });
  }

  return(): Promise<IteratorResult<T>> {
    const wasEnded = this.#ended;
    this.end();
    this.#items = [];
    this.#head = 0;
    this.#full = false;
    if (!wasEnded) this.#options.onReturn();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  #take(): T {
    const item = this.#items[this.#head] as T;
    this.#items[this.#head] = undefined as T; // let the message be collected
    this.#head += 1;
    if (this.#head === this.#items.length) {
      this.#items = [];
      this.#head = 0;
    } else if (this.#head >= 1024 && this.#head * 2 >= this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    if (this.#full && this.size <= Math.floor(this.#options.highWaterMark / 2)) {
      this.#full = false;
      this.#options.onDrained();
    }
    return item;
  }
}
