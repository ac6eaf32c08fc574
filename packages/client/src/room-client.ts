import type { DouyuMessage, DouyuMessageType } from '@danmaku/protocol';
import type { CloseReason } from './close-reason.js';
import { nextEndpointIndex, type Endpoint } from './endpoints.js';
import { ListenerRegistry } from './listener-registry.js';
import { MessageDispatch, type MessagesOptions } from './message-dispatch.js';
import { resolveOptions, type ResolvedOptions, type RoomClientOptions } from './options.js';
import { RoomConnection, type ConnectionEnd, type ConnectionOwner } from './room-connection.js';
import type { RoomClientEvents } from './room-events.js';

export type RoomClientState =
  'connecting' | 'loggingIn' | 'loggedIn' | 'backoff' | 'closing' | 'closed';

const USER_PAUSE = { reason: 'client.pause()' };

/**
 * One Douyu room: keeps one connection at a time alive, reconnecting with the policy's delay and
 * rotating endpoints, and hands out raw frames, typed messages and lifecycle events.
 */
export class RoomClient {
  readonly roomId: number;
  readonly #options: ResolvedOptions;
  readonly #events = new ListenerRegistry<RoomClientEvents>();
  readonly #dispatch: MessageDispatch;
  readonly #pauseHolders = new Set<object>();
  readonly #owner: ConnectionOwner;
  #connection: RoomConnection | undefined;
  #endpointIndex = 0;
  #attempt = 0;
  #reconnectTimer: NodeJS.Timeout | undefined;
  #closing: Promise<void> | undefined;
  #ended = false;

  constructor(roomId: number, options: RoomClientOptions = {}) {
    this.#options = resolveOptions(roomId, options);
    this.roomId = roomId;
    this.#owner = this.#createOwner();
    this.#dispatch = new MessageDispatch(this.#events, {
      hold: (holder) => this.#hold(holder),
      release: (holder) => this.#release(holder),
    });
    // Start on a microtask so that listeners added right after connectRoom() see 'connecting'.
    queueMicrotask(() => this.#connect());
  }

  get state(): RoomClientState {
    if (this.#ended) return 'closed';
    if (this.#closing !== undefined) return 'closing';
    switch (this.#connection?.state) {
      case undefined:
        return this.#reconnectTimer === undefined ? 'connecting' : 'backoff';
      case 'connecting':
        return 'connecting';
      case 'awaiting-login':
        return 'loggingIn';
      default:
        return 'loggedIn';
    }
  }

  /** The current connection's session id; undefined between connections. */
  get sessionId(): string | undefined {
    return this.#connection?.sessionId;
  }

  /** The endpoint in use, or the one the next connection will use. */
  get endpoint(): Endpoint {
    return this.#connection?.endpoint ?? this.#endpoint();
  }

  on<K extends keyof RoomClientEvents>(event: K, listener: RoomClientEvents[K]): this {
    this.#events.on(event, listener);
    return this;
  }

  off<K extends keyof RoomClientEvents>(event: K, listener: RoomClientEvents[K]): this {
    this.#events.off(event, listener);
    return this;
  }

  /**
   * Typed messages as an async iterator with a bounded buffer: when `highWaterMark` messages are
   * waiting, the socket is paused until the consumer has taken half of them. Ends after close().
   */
  messages<T extends DouyuMessageType = DouyuMessageType>(
    options: MessagesOptions<T> = {},
  ): AsyncIterableIterator<Extract<DouyuMessage, { type: T }>> {
    return this.#dispatch.subscribe(options);
  }

  /** Stop reading the socket (e.g. the collector's downstream buffer is full). Idempotent. */
  pause(): void {
    this.#hold(USER_PAUSE);
  }

  resume(): void {
    this.#release(USER_PAUSE);
  }

  get isPaused(): boolean {
    return this.#pauseHolders.size > 0;
  }

  /**
   * Logs out, stops every timer and ends the iterators. Safe in any state (connecting, backoff,
   * already closed); every call returns the same promise.
   */
  close(): Promise<void> {
    if (this.#closing !== undefined) return this.#closing;
    clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = undefined;
    const connection = this.#connection;
    this.#closing = (connection === undefined ? Promise.resolve() : connection.close()).then(() =>
      this.#finish('user'),
    );
    if (connection === undefined) this.#finish('user');
    return this.#closing;
  }

  #endpoint(): Endpoint {
    return this.#options.endpoints[this.#endpointIndex] as Endpoint;
  }

  #connect(): void {
    this.#reconnectTimer = undefined;
    if (this.#ended || this.#closing !== undefined) return;
    const endpoint = this.#endpoint();
    const sessionId = this.#options.createSessionId();
    const connection = new RoomConnection(
      this.roomId,
      endpoint,
      sessionId,
      this.#options,
      this.#owner,
    );
    this.#connection = connection;
    this.#events.emit('connecting', {
      sessionId,
      roomId: this.roomId,
      endpoint,
      consecutiveFailures: this.#attempt,
    });
    if (this.#connection === connection) connection.start(this.isPaused);
  }

  #connectionEnded(connection: RoomConnection, end: ConnectionEnd): void {
    if (connection !== this.#connection) return;
    this.#connection = undefined;
    const stopping = end.reason === 'user' || this.#closing !== undefined;
    const policyDelay = stopping ? null : this.#options.reconnectPolicy(this.#attempt, end.reason);
    const info = {
      sessionId: connection.sessionId,
      roomId: this.roomId,
      endpoint: connection.endpoint,
    };
    this.#events.emit('closed', { ...info, ...end, willReconnect: policyDelay !== null });
    if (policyDelay === null) {
      this.#finish(end.reason);
      return;
    }
    if (this.#closing !== undefined || this.#ended) return; // a 'closed' listener called close()
    const delayMs = Number.isFinite(policyDelay) ? Math.max(0, policyDelay) : 0;
    const attempt = this.#attempt;
    this.#attempt += 1;
    this.#endpointIndex = nextEndpointIndex(this.#endpointIndex, this.#options.endpoints.length);
    this.#reconnectTimer = setTimeout(() => this.#connect(), delayMs);
    this.#events.emit('reconnectScheduled', {
      roomId: this.roomId,
      delayMs,
      attempt,
      reason: end.reason,
      endpoint: this.#endpoint(),
    });
  }

  #hold(holder: object): void {
    this.#pauseHolders.add(holder);
    this.#connection?.setPaused(true);
  }

  #release(holder: object): void {
    if (!this.#pauseHolders.delete(holder)) return;
    if (this.#pauseHolders.size === 0) this.#connection?.setPaused(false);
  }

  #finish(reason: CloseReason): void {
    if (this.#ended) return;
    this.#ended = true;
    clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = undefined;
    this.#dispatch.end();
    this.#pauseHolders.clear();
    this.#events.emit('end', { roomId: this.roomId, reason });
  }

  #createOwner(): ConnectionOwner {
    const session = (c: RoomConnection) => ({
      sessionId: c.sessionId,
      roomId: this.roomId,
      endpoint: c.endpoint,
    });
    return {
      opened: (c) => this.#events.emit('connected', session(c)),
      loggedIn: (c, login) => this.#events.emit('loggedIn', { ...session(c), login }),
      healthy: () => {
        this.#attempt = 0;
      },
      frame: (body, receivedAtMs, type) => this.#dispatch.dispatch(body, receivedAtMs, type),
      heartbeatSent: (c, latenessMs) =>
        this.#events.emit('heartbeatSent', { ...session(c), latenessMs }),
      heartbeatEchoed: (c, rttMs) => this.#events.emit('heartbeatEchoed', { ...session(c), rttMs }),
      ended: (c, end) => this.#connectionEnded(c, end),
    };
  }
}

/** Connects to one room and keeps it connected until `close()`. */
export function connectRoom(roomId: number, options: RoomClientOptions = {}): RoomClient {
  return new RoomClient(roomId, options);
}
