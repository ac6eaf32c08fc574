import {
  FrameDecoder,
  ProtocolError,
  encodeFrame,
  heartbeatRequest,
  joinGroupRequest,
  loginRequest,
  logoutRequest,
  parseMessage,
  peekType,
  type LoginResponse,
} from '@danmaku/protocol';
import type { ClientSocket } from './client-socket.js';
import type { CloseReason } from './close-reason.js';
import type { Endpoint } from './endpoints.js';
import { HeartbeatMonitor } from './heartbeat-monitor.js';
import type { ResolvedOptions } from './options.js';

export interface ConnectionEnd {
  reason: CloseReason;
  error: Error | undefined;
  serverErrorCode: number | undefined;
  frames: number;
  openedAtMs: number | undefined;
  closedAtMs: number;
}

/** What a connection reports to its room client. */
export interface ConnectionOwner {
  opened(connection: RoomConnection): void;
  loggedIn(connection: RoomConnection, login: LoginResponse): void;
  /** The first frame after `loginres`: the reconnect attempt count may reset. */
  healthy(connection: RoomConnection): void;
  frame(body: Buffer, receivedAtMs: number, type: string | undefined): void;
  heartbeatSent(connection: RoomConnection, latenessMs: number): void;
  heartbeatEchoed(connection: RoomConnection, rttMs: number): void;
  ended(connection: RoomConnection, end: ConnectionEnd): void;
}

export type ConnectionState = 'connecting' | 'awaiting-login' | 'logged-in' | 'closing' | 'closed';

/**
 * One socket of one room, from connect to close: login, joingroup, heartbeat, dead-socket
 * detection. It never reconnects; it reports how it ended and the room client decides.
 */
export class RoomConnection {
  readonly sessionId: string;
  readonly endpoint: Endpoint;
  readonly #roomId: number;
  readonly #options: ResolvedOptions;
  readonly #owner: ConnectionOwner;
  #socket: ClientSocket | undefined;
  #decoder: FrameDecoder | undefined;
  #heartbeat: HeartbeatMonitor | undefined;
  #state: ConnectionState = 'connecting';
  #deadline: NodeJS.Timeout | undefined; // connect, login or close deadline: one at a time
  #frames = 0;
  #healthy = false;
  #openedAtMs: number | undefined;
  #paused = false;
  #closeWaiters: Array<() => void> = [];

  constructor(
    roomId: number,
    endpoint: Endpoint,
    sessionId: string,
    options: ResolvedOptions,
    owner: ConnectionOwner,
  ) {
    this.#roomId = roomId;
    this.endpoint = endpoint;
    this.sessionId = sessionId;
    this.#options = options;
    this.#owner = owner;
  }

  get state(): ConnectionState {
    return this.#state;
  }

  start(paused: boolean): void {
    this.#paused = paused;
    try {
      this.#socket = this.#options.socketFactory.connect(this.endpoint);
    } catch (error) {
      this.#end('connect-failed', error as Error);
      return;
    }
    this.#socket.onOpen(() => this.#onOpen());
    this.#socket.onData((chunk) => this.#onData(chunk));
    this.#socket.onError((error) => this.#onError(error));
    this.#socket.onClose((detail) => this.#onClose(detail));
    const startDeadline = (): void => {
      if (this.#state !== 'connecting') return;
      this.#deadline = setTimeout(
        () => this.#end('connect-timeout'),
        this.#options.connectTimeoutMs,
      );
    };
    if (this.#socket.onDial) this.#socket.onDial(startDeadline);
    else startDeadline();
  }

  /** Backpressure. Applied only once logged in, so a paused room can still finish its login. */
  setPaused(paused: boolean): void {
    if (paused === this.#paused) return;
    this.#paused = paused;
    if (this.#state !== 'logged-in') return;
    this.#heartbeat?.setPaused(paused);
    if (paused) this.#socket?.pause();
    else this.#socket?.resume();
  }

  /** Logs out (if the socket is open) and closes; resolves once the socket is gone. */
  close(): Promise<void> {
    if (this.#state === 'closed') return Promise.resolve();
    const done = new Promise<void>((resolve) => this.#closeWaiters.push(resolve));
    if (this.#state === 'connecting') this.#end('user');
    else if (this.#state !== 'closing') {
      this.#state = 'closing';
      this.#stopTimers();
      this.#send(logoutRequest());
      this.#socket?.end();
      this.#deadline = setTimeout(() => this.#end('user'), this.#options.closeTimeoutMs);
    }
    return done;
  }

  #onOpen(): void {
    if (this.#state !== 'connecting') return;
    clearTimeout(this.#deadline);
    this.#state = 'awaiting-login';
    this.#openedAtMs = this.#options.now();
    this.#decoder = new FrameDecoder({ maxFrameBytes: this.#options.maxFrameBytes });
    this.#owner.opened(this);
    if (this.#state !== 'awaiting-login') return; // a listener closed the client
    this.#send(loginRequest(this.#roomId));
    this.#deadline = setTimeout(() => this.#end('login-timeout'), this.#options.loginTimeoutMs);
  }

  #isOpen(): boolean {
    return this.#state === 'awaiting-login' || this.#state === 'logged-in';
  }

  #onData(chunk: Buffer): void {
    const decoder = this.#decoder;
    if (decoder === undefined || !this.#isOpen()) return;
    this.#heartbeat?.received();
    const receivedAtMs = this.#options.now();
    try {
      decoder.push(chunk);
      for (const frame of decoder) {
        this.#onFrame(frame.body, receivedAtMs);
        if (!this.#isOpen()) return;
      }
    } catch (error) {
      if (!(error instanceof ProtocolError)) throw error;
      this.#end('protocol-error', error);
    }
  }

  #onFrame(body: Buffer, receivedAtMs: number): void {
    this.#frames += 1;
    const type = peekType(body);
    if (this.#state === 'logged-in' && !this.#healthy) {
      this.#healthy = true;
      this.#owner.healthy(this);
    }
    if (type === 'loginres' && this.#state === 'awaiting-login') this.#onLogin(body);
    else if (type === 'mrkl') this.#heartbeat?.echoed();
    this.#owner.frame(body, receivedAtMs, type);
    if (type === 'error' && this.#isOpen()) {
      const message = parseMessage(body);
      this.#end(
        'server-error',
        undefined,
        message.type === 'error' ? (message.code ?? undefined) : undefined,
      );
    }
  }

  #onLogin(body: Buffer): void {
    const login = parseMessage(body);
    if (login.type !== 'loginres') return;
    clearTimeout(this.#deadline);
    this.#state = 'logged-in';
    this.#send(joinGroupRequest(this.#roomId, this.#options.groupId));
    if (this.#paused) this.#socket?.pause();
    this.#heartbeat = new HeartbeatMonitor(
      this.#options.heartbeatIntervalMs,
      this.#options.deadAfterMs,
      {
        send: () => this.#send(heartbeatRequest()),
        sent: (latenessMs) => this.#owner.heartbeatSent(this, latenessMs),
        echoed: (rttMs) => this.#owner.heartbeatEchoed(this, rttMs),
        dead: () => this.#end('dead-socket'),
      },
    );
    this.#heartbeat.setPaused(this.#paused);
    this.#owner.loggedIn(this, login);
    if (this.#state === 'logged-in') this.#heartbeat.start();
  }

  #onError(error: Error): void {
    if (this.#state === 'closing') this.#end('user');
    else this.#end(this.#state === 'connecting' ? 'connect-failed' : 'socket-error', error);
  }

  #onClose(detail: string): void {
    if (this.#state === 'closing') this.#end('user');
    else if (this.#state === 'connecting') this.#end('connect-failed', new Error(detail));
    else this.#end('remote-closed');
  }

  #send(body: string): void {
    this.#socket?.write(encodeFrame(body));
  }

  #stopTimers(): void {
    clearTimeout(this.#deadline);
    this.#heartbeat?.stop();
  }

  #end(reason: CloseReason, error?: Error, serverErrorCode?: number): void {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    this.#stopTimers();
    this.#socket?.destroy();
    this.#decoder = undefined;
    this.#owner.ended(this, {
      reason,
      error,
      serverErrorCode,
      frames: this.#frames,
      openedAtMs: this.#openedAtMs,
      closedAtMs: this.#options.now(),
    });
    for (const resolve of this.#closeWaiters.splice(0)) resolve();
  }
}
