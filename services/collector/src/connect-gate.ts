export interface ConnectGateOptions {
  ratePerSec: number;
  /** Opens allowed back to back; in any window of W ms at most burst + ratePerSec·W/1000 pass. */
  burst: number;
  now?: () => number;
}

interface Waiter {
  run: () => void;
  cancelled: boolean;
}

/**
 * The hard edge of the connect limit: a token bucket checked at the moment a socket is really
 * opened. The ConnectScheduler spreads connects out in advance, but timers fire late when the
 * event loop stalls and would then open a clump of sockets at once; the gate turns such a clump
 * back into a trickle (FIFO), usually delaying a socket by milliseconds.
 */
export class ConnectGate {
  readonly #ratePerMs: number;
  readonly #burst: number;
  readonly #now: () => number;
  readonly #queue: Waiter[] = [];
  #tokens: number;
  #refilledAt: number;
  #timer: NodeJS.Timeout | undefined;

  constructor(options: ConnectGateOptions) {
    if (!(options.ratePerSec > 0) || !(options.burst >= 1)) {
      throw new RangeError('ratePerSec must be > 0 and burst >= 1');
    }
    this.#ratePerMs = options.ratePerSec / 1000;
    this.#burst = options.burst;
    this.#now = options.now ?? Date.now;
    this.#tokens = options.burst;
    this.#refilledAt = this.#now();
  }

  /** Sockets waiting for a token. */
  get waiting(): number {
    return this.#queue.length;
  }

  /** Runs `run` once a token is free (synchronously if one is); returns a cancel function. */
  acquire(run: () => void): () => void {
    const waiter: Waiter = { run, cancelled: false };
    this.#queue.push(waiter);
    this.#drain();
    return () => {
      waiter.cancelled = true;
    };
  }

  #drain(): void {
    this.#refill();
    while (this.#queue.length > 0) {
      const head = this.#queue[0] as Waiter;
      if (head.cancelled) {
        this.#queue.shift();
        continue;
      }
      if (this.#tokens < 1) break;
      this.#tokens -= 1;
      this.#queue.shift();
      head.run();
    }
    if (this.#queue.length > 0 && this.#timer === undefined) {
      const waitMs = Math.max(1, Math.ceil((1 - this.#tokens) / this.#ratePerMs));
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        this.#drain();
      }, waitMs);
    }
  }

  #refill(): void {
    const now = this.#now();
    this.#tokens = Math.min(this.#burst, this.#tokens + (now - this.#refilledAt) * this.#ratePerMs);
    this.#refilledAt = now;
  }
}
