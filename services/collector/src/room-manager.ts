import {
  backoffDelayMs,
  connectRoom,
  createSocketFactory,
  DEFAULT_BACKOFF,
  type BackoffOptions,
  type ClosedEvent,
  type RoomClient,
  type RoomClientOptions,
  type SocketFactory,
} from '@danmaku/client';
import type { ConnectGate } from './connect-gate.js';
import type { ConnectScheduler } from './connect-scheduler.js';
import type { DropReporter } from './drop-reporter.js';
import { gatedSocketFactory } from './gated-socket-factory.js';
import { HeldRoom } from './held-room.js';
import type { Logger } from '@danmaku/runtime';
import type { CollectorMetrics, LastMessageAges } from './metrics.js';
import type { RawRecord, RecordSink, SessionEvent } from '@danmaku/records';
import type { RoomHolder, RoomLease } from './room-lease.js';

export interface RoomManagerOptions {
  collectorId: string;
  sink: RecordSink;
  /** Plans connect times (spread in advance). */
  scheduler: ConnectScheduler;
  /** Enforces the rate when sockets really open. */
  gate: ConnectGate;
  metrics: CollectorMetrics;
  drops: DropReporter;
  logger: Logger;
  /** Endpoints, heartbeat, timeouts: passed to every RoomClient. */
  clientOptions?: Omit<RoomClientOptions, 'reconnectPolicy' | 'socketFactory'>;
  /** The transports under the gate; default the client's (`ws` and `node:net`). */
  socketFactory?: SocketFactory;
  backoff?: BackoffOptions;
  /** Injected for tests; default `connectRoom` from @danmaku/client. */
  connect?: (room: number, options: RoomClientOptions) => RoomClient;
}

/**
 * All rooms of this process. Rooms are reference-counted (a watch job and a crawl window on
 * the same room share one socket), every connect goes through the shared ConnectScheduler, and
 * a full sink pauses every socket until it drains.
 */
export class RoomManager implements RoomHolder {
  readonly #o: RoomManagerOptions;
  readonly #rooms = new Map<number, HeldRoom>();
  readonly #joinedSessions = new Set<string>();
  readonly #unsubscribe: (() => void) | undefined;
  readonly #socketFactory: SocketFactory;
  #paused: boolean;
  #closed = false;

  constructor(options: RoomManagerOptions) {
    this.#o = options;
    this.#paused = options.sink.isFull === true;
    this.#unsubscribe = options.sink.onBackpressure?.((state) => this.#setPaused(state === 'full'));
    options.metrics.setLastMessageAges(() => this.lastMessageAges());
    this.#socketFactory = gatedSocketFactory(
      options.socketFactory ?? createSocketFactory(),
      options.gate,
      (waitedMs) => options.metrics.connectWait.observe(waitedMs / 1000),
    );
  }

  get size(): number {
    return this.#rooms.size;
  }
  /** Sessions currently logged in (one per joined room). */
  get joined(): number {
    return this.#joinedSessions.size;
  }
  get paused(): boolean {
    return this.#paused;
  }
  has(room: number): boolean {
    return this.#rooms.has(room);
  }

  acquire(room: number): RoomLease {
    if (this.#closed) throw new Error('room manager is closed');
    let held = this.#rooms.get(room);
    if (held === undefined || held.closing !== undefined) {
      held = this.#open(room);
    }
    held.leases += 1;
    const start = held.messages;
    const lease = held;
    let released = false;
    return {
      room,
      get messages() {
        return lease.messages - start;
      },
      release: () => {
        if (released) return Promise.resolve();
        released = true;
        lease.leases -= 1;
        return lease.leases === 0 ? this.#shut(lease) : Promise.resolve();
      },
    };
  }

  lastMessageAges(now: number = Date.now()): LastMessageAges {
    let maxSeconds = 0;
    for (const held of this.#rooms.values()) {
      if (held.lastMessageAtMs !== undefined)
        maxSeconds = Math.max(maxSeconds, (now - held.lastMessageAtMs) / 1000);
    }
    return {
      maxSeconds,
      forRoom: (room) => {
        const at = this.#rooms.get(room)?.lastMessageAtMs;
        return at === undefined ? undefined : (now - at) / 1000;
      },
    };
  }

  /** Logs out of every room (bounded by the client's close timeout). */
  async close(): Promise<void> {
    this.#closed = true;
    this.#unsubscribe?.();
    await Promise.all([...this.#rooms.values()].map((held) => this.#shut(held)));
  }

  #open(room: number): HeldRoom {
    const o = this.#o;
    const held = new HeldRoom(room, o.collectorId, {
      record: (record) => this.#record(record),
      session: (event) => this.#session(event),
      closed: (h, event) => this.#closedSession(h, event),
    });
    this.#rooms.set(room, held);
    o.metrics.roomsActive.set(this.#rooms.size);
    held.startTimer = setTimeout(() => {
      held.startTimer = undefined;
      this.#startClient(held);
    }, o.scheduler.firstConnectDelayMs());
    return held;
  }

  #startClient(held: HeldRoom): void {
    const o = this.#o;
    const backoff = o.backoff ?? DEFAULT_BACKOFF;
    const client = (o.connect ?? connectRoom)(held.room, {
      ...o.clientOptions,
      socketFactory: this.#socketFactory,
      reconnectPolicy: (attempt) => o.scheduler.reconnectDelayMs(backoffDelayMs(attempt, backoff)),
    });
    held.attach(client);
    client.on('connecting', () => o.metrics.connects.inc());
    client.on('reconnectScheduled', (e) => o.metrics.countReconnect(e.reason));
    client.on('heartbeatSent', (e) => o.metrics.heartbeatLateness.observe(e.latenessMs / 1000));
    client.on('heartbeatEchoed', (e) => o.metrics.heartbeatRtt.observe(e.rttMs / 1000));
    if (this.#paused) client.pause();
  }

  #shut(held: HeldRoom): Promise<void> {
    held.closing ??= (async () => {
      clearTimeout(held.startTimer);
      held.startTimer = undefined;
      await held.client?.close();
      if (this.#rooms.get(held.room) === held) this.#rooms.delete(held.room);
      this.#o.metrics.roomsActive.set(this.#rooms.size);
    })();
    return held.closing;
  }

  #record(record: RawRecord): void {
    this.#o.metrics.countMessage(record.room, record.type, record.body.length);
    const result = this.#o.sink.send(record);
    if (result instanceof Promise) {
      result.catch((error: unknown) => {
        this.#o.logger.warn('sink rejected a record', { room: record.room, error });
        this.#o.drops.drop('sink_error', 1, record.room);
      });
    }
  }

  #session(event: SessionEvent): void {
    this.#o.metrics.sessionEvents.inc({ event: event.event });
    if (event.event === 'logged_in') this.#joinedSessions.add(event.session);
    else if (event.event === 'closed') this.#joinedSessions.delete(event.session);
    this.#o.metrics.roomsJoined.set(this.#joinedSessions.size);
    const result = this.#o.sink.sendSession(event);
    if (result instanceof Promise) {
      result.catch((error: unknown) =>
        this.#o.logger.warn('sink rejected a session event', { error }),
      );
    }
  }

  #closedSession(held: HeldRoom, event: ClosedEvent): void {
    const code = (event.error as { code?: unknown } | undefined)?.code;
    const errorCode = typeof code === 'string' ? code : undefined;
    if (event.reason === 'protocol-error') this.#o.metrics.countProtocolError(errorCode ?? 'other');
    if (event.reason !== 'user') {
      // The code and message say why a room was reset (e.g. FRAME_TOO_LARGE), so an operator
      // can tell a hostile or corrupt stream from an ordinary drop.
      this.#o.logger.info('room connection closed', {
        room: held.room,
        reason: event.reason,
        frames: event.frames,
        ...(errorCode === undefined ? {} : { code: errorCode }),
        ...(event.error === undefined ? {} : { error: event.error.message }),
        ...(event.serverErrorCode === undefined ? {} : { serverErrorCode: event.serverErrorCode }),
      });
    }
  }

  #setPaused(paused: boolean): void {
    if (paused === this.#paused) return;
    this.#paused = paused;
    for (const held of this.#rooms.values()) {
      if (paused) held.client?.pause();
      else held.client?.resume();
    }
  }
}
