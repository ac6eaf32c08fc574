import type { PGlite } from '@electric-sql/pglite';

interface Pending {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: Error) => void;
}

export interface SharedSessionQueueOptions {
  /** How long a SQL client may sit inside a transaction (or a half-sent exchange) between messages. */
  holdLimitMs: number;
  /** The client held the session past the limit: the server ends its connection. */
  onHoldExpired: (handlerId: number) => void;
}

const SYNC = Uint8Array.of(0x53, 0, 0, 0, 4);
const ROLLBACK = simpleQuery('ROLLBACK');
const RESET_ALL = simpleQuery('RESET ALL');
/** CommandComplete "SET": a client changed a setting of the one session the writer shares. */
const SET_COMPLETE = Buffer.from('C\0\0\0\x08SET\0', 'latin1');
/** ReadyForQuery: 'Z', length 5, transaction status. */
const READY_FOR_QUERY = 0x5a;
const IDLE = 0x49;

/**
 * The query queue of pglite-socket's handlers (its own is not exported and is not safe beside
 * other users of the same PGlite): PGlite is one backend session, shared by the writer and every
 * SQL client. pglite-socket's queue takes only PGlite's query lock per protocol message, so a
 * client's statement could land inside one of the writer's transactions (an error there aborts
 * the writer's batch, a ROLLBACK undoes it), and the writer could run inside a client's
 * transaction or between a client's Parse and its Sync.
 *
 * Here a client holds PGlite's transaction lock (the one `query()` and `transaction()` take) from
 * its first message until the backend is idle again (ReadyForQuery 'I'), so the writer's
 * transactions and a client's exchanges never interleave; while one client holds the session,
 * only its own messages run. A client that keeps it longer than the hold limit between two
 * messages (BEGIN and then nothing) is disconnected and its transaction rolled back, as
 * PostgreSQL's idle_in_transaction_session_timeout does: the writer waits meanwhile. A client's
 * `SET` lasts until its exchange ends (RESET ALL then), so no setting of a client (a
 * statement_timeout, read-only transactions) outlives it into the writer's statements.
 */
export class SharedSessionQueue {
  #pending: Pending[] = [];
  #owner: number | undefined;
  #releaseGate: (() => void) | undefined;
  #pumping = false;
  #holdTimer: NodeJS.Timeout | undefined;
  #setSeen = false;

  constructor(
    private readonly lite: PGlite,
    private readonly options: SharedSessionQueueOptions,
  ) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void) {
    return new Promise<number>((resolve, reject) => {
      this.#pending.push({ handlerId, message, onData, resolve, reject });
      void this.#pump();
    });
  }

  getQueueLength(): number {
    return this.#pending.length;
  }

  clearQueueForHandler(handlerId: number): void {
    const mine = this.#pending.filter((item) => item.handlerId === handlerId);
    this.#pending = this.#pending.filter((item) => item.handlerId !== handlerId);
    for (const item of mine) item.reject(new Error('SQL client disconnected'));
  }

  /** The client went away while holding the session: end its exchange, undo its transaction. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.#owner !== handlerId) return;
    await this.lite.runExclusive(async () => {
      await this.lite.execProtocolRaw(SYNC);
      await this.lite.execProtocolRaw(ROLLBACK);
    });
    await this.#resetAndRelease();
    void this.#pump();
  }

  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      for (;;) {
        const owner = this.#owner;
        const index =
          owner === undefined
            ? this.#pending.length > 0
              ? 0
              : -1
            : this.#pending.findIndex((item) => item.handlerId === owner);
        const next = index === -1 ? undefined : this.#pending.splice(index, 1)[0];
        if (next === undefined) break;
        await this.#run(next);
      }
    } finally {
      this.#pumping = false;
    }
  }

  async #run(item: Pending): Promise<void> {
    clearTimeout(this.#holdTimer);
    if (this.#owner === undefined) {
      this.#releaseGate = await this.#takeGate();
      this.#owner = item.handlerId;
    }
    let tail: Uint8Array = new Uint8Array(0);
    let bytes = 0;
    let seen = Buffer.alloc(0);
    let failure: Error | undefined;
    try {
      await this.lite.runExclusive(() =>
        this.lite.execProtocolRawStream(item.message, {
          onRawData: (data) => {
            bytes += data.length;
            tail = lastBytes(tail, data, 6);
            if (!this.#setSeen) {
              seen = Buffer.concat([seen.subarray(-SET_COMPLETE.length), data]);
              this.#setSeen = seen.includes(SET_COMPLETE);
            }
            item.onData(data);
          },
        }),
      );
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
    }
    // A disconnect while the message ran has already ended this client's hold.
    if (this.#owner === item.handlerId) {
      if (failure === undefined && readyStatus(tail) === IDLE) await this.#resetAndRelease();
      else this.#armHoldTimer(item.handlerId);
    }
    if (failure === undefined) item.resolve(bytes);
    else item.reject(failure);
  }

  /** Resolves holding PGlite's transaction lock; calling the result lets it go. */
  #takeGate(): Promise<() => void> {
    return new Promise((taken) => {
      void this.lite._runExclusiveTransaction(() => new Promise<void>((release) => taken(release)));
    });
  }

  #armHoldTimer(handlerId: number): void {
    this.#holdTimer = setTimeout(
      () => this.options.onHoldExpired(handlerId),
      this.options.holdLimitMs,
    );
    this.#holdTimer.unref();
  }

  async #resetAndRelease(): Promise<void> {
    if (this.#setSeen) {
      this.#setSeen = false;
      await this.lite.runExclusive(() => this.lite.execProtocolRaw(RESET_ALL));
    }
    this.#release();
  }

  #release(): void {
    clearTimeout(this.#holdTimer);
    this.#owner = undefined;
    const release = this.#releaseGate;
    this.#releaseGate = undefined;
    release?.();
  }
}

function lastBytes(previous: Uint8Array, data: Uint8Array, count: number): Uint8Array {
  if (data.length >= count) return data.slice(data.length - count);
  const joined = new Uint8Array(previous.length + data.length);
  joined.set(previous);
  joined.set(data, previous.length);
  return joined.slice(Math.max(0, joined.length - count));
}

/** The status byte when the response ends in ReadyForQuery, else undefined (mid-exchange). */
function readyStatus(tail: Uint8Array): number | undefined {
  if (tail.length < 6 || tail[0] !== READY_FOR_QUERY) return undefined;
  return tail[4] === 5 && tail[1] === 0 && tail[2] === 0 && tail[3] === 0 ? tail[5] : undefined;
}

function simpleQuery(text: string): Uint8Array {
  const body = Buffer.from(`${text}\0`, 'utf8');
  const message = Buffer.alloc(5 + body.length);
  message.write('Q', 0, 'latin1');
  message.writeInt32BE(4 + body.length, 1);
  body.copy(message, 5);
  return message;
}
