export interface SlotBookOptions {
  ratePerSec: number;
  now?: () => number;
}

/**
 * A rate limit as a book of time slots, each 1000 / ratePerSec ms wide and holding one connect.
 * `reserve(earliest)` books the first free slot at or after `earliest`, so any two booked
 * connects are at least one slot apart, and a connect that may start now can still take a free
 * slot between slots booked ahead (a reconnect storm books the future, new rooms fill the gaps).
 * Reserving instead of waiting lets a synchronous reconnect policy turn the limit into a delay;
 * a slot booked for a room that closes meanwhile is wasted, which errs on the safe side.
 */
export class SlotBook {
  readonly #slotMs: number;
  readonly #now: () => number;
  /** Booked slot index → a later index that may be free (path-compressed, union-find style). */
  readonly #next = new Map<number, number>();
  #pruneAt = 1024;

  constructor(options: SlotBookOptions) {
    if (!(options.ratePerSec > 0)) throw new RangeError('ratePerSec must be > 0');
    this.#slotMs = 1000 / options.ratePerSec;
    this.#now = options.now ?? Date.now;
  }

  /** Books one slot at or after `earliestMs` (epoch ms); returns the slot's start time. */
  reserve(earliestMs: number = this.#now()): number {
    const slot = this.#findFree(Math.ceil(earliestMs / this.#slotMs));
    this.#next.set(slot, slot + 1);
    if (this.#next.size >= this.#pruneAt) this.#prune();
    return slot * this.#slotMs;
  }

  #findFree(index: number): number {
    const path: number[] = [];
    let free = index;
    for (let next = this.#next.get(free); next !== undefined; next = this.#next.get(free)) {
      path.push(free);
      free = next;
    }
    for (const booked of path) this.#next.set(booked, free);
    return free;
  }

  /** Slots in the past can never be booked again; links only point forward, so drop them. */
  #prune(): void {
    const current = Math.floor(this.#now() / this.#slotMs);
    for (const slot of this.#next.keys()) if (slot < current) this.#next.delete(slot);
    this.#pruneAt = Math.max(1024, this.#next.size * 2);
  }
}

export interface ConnectSchedulerOptions {
  /** Connects (first connects and reconnects) per second, process-wide. */
  connectRatePerSec: number;
  /** Reconnects per second, process-wide: a flapping network spends this, not the connect rate. */
  reconnectRatePerSec: number;
  now?: () => number;
}

/**
 * The process-wide connect limit shared by all rooms. A first connect books a connect slot; a
 * reconnect books a reconnect-budget slot after its own backoff, then the next connect slot.
 */
export class ConnectScheduler {
  readonly #connect: SlotBook;
  readonly #reconnect: SlotBook;
  readonly #now: () => number;

  constructor(options: ConnectSchedulerOptions) {
    this.#now = options.now ?? Date.now;
    this.#connect = new SlotBook({ ratePerSec: options.connectRatePerSec, now: this.#now });
    this.#reconnect = new SlotBook({ ratePerSec: options.reconnectRatePerSec, now: this.#now });
  }

  /** Delay in ms before a first connect may start. */
  firstConnectDelayMs(): number {
    const now = this.#now();
    return Math.max(0, this.#connect.reserve(now) - now);
  }

  /** Delay in ms before a reconnect may start, given the room's own backoff delay. */
  reconnectDelayMs(backoffMs: number): number {
    const now = this.#now();
    const budgetAt = this.#reconnect.reserve(now + backoffMs);
    return Math.max(0, this.#connect.reserve(budgetAt) - now);
  }
}
