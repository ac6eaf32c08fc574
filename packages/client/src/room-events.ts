import type { DouyuMessage, DouyuMessageType, LoginResponse } from '@danmaku/protocol';
import type { CloseReason } from './close-reason.js';
import type { Endpoint } from './endpoints.js';

/** Identifies one connection (one socket) of a room; a new one is made for every reconnect. */
export interface SessionInfo {
  sessionId: string;
  roomId: number;
  endpoint: Endpoint;
}

export interface ConnectingEvent extends SessionInfo {
  /**
   * Connections that failed in a row before this one: 0 for the first, 1 after a healthy
   * connection dropped, and counting up while no connection gets past login.
   */
  consecutiveFailures: number;
}

export interface LoggedInEvent extends SessionInfo {
  /** The parsed `loginres` (its `ip` field is already removed by the parser). */
  login: LoginResponse;
}

export interface ClosedEvent extends SessionInfo {
  reason: CloseReason;
  /** The error behind `socket-error`, `connect-failed` or `protocol-error`, when there was one. */
  error: Error | undefined;
  /** The `code` of a `type@=error` message, for `server-error`. */
  serverErrorCode: number | undefined;
  /** Frames received on this connection. */
  frames: number;
  /** Epoch ms when this connection opened, or undefined if it never did. */
  openedAtMs: number | undefined;
  closedAtMs: number;
  /** False when this was the last connection (close() was called or the policy gave up). */
  willReconnect: boolean;
}

export interface ReconnectScheduledEvent {
  roomId: number;
  delayMs: number;
  /** The attempt number passed to the reconnect policy. */
  attempt: number;
  reason: CloseReason;
  endpoint: Endpoint;
}

export interface HeartbeatSentEvent extends SessionInfo {
  /** How late the heartbeat timer fired compared with its schedule: event-loop saturation. */
  latenessMs: number;
}

export interface HeartbeatEchoedEvent extends SessionInfo {
  /** From `mrkl` sent to `mrkl` echoed (monotonic clock). */
  rttMs: number;
}

type TypedMessageListeners = {
  [K in DouyuMessageType]: (
    message: Extract<DouyuMessage, { type: K }>,
    receivedAtMs: number,
  ) => void;
};

/** Every event a `RoomClient` emits, with its listener signature. */
export interface RoomClientEvents extends TypedMessageListeners {
  /**
   * Every server frame body as received, before any parse (the collector's byte pipe). `body` is
   * a view into the socket's chunk: copy it (`Buffer.from`) to keep it past the current tick.
   * `type` is the peeked top-level `type` value.
   */
  frame: (body: Buffer, receivedAtMs: number, type: string | undefined) => void;
  /** Every frame parsed with `parseMessage`; parsing happens only while someone listens. */
  message: (message: DouyuMessage, receivedAtMs: number) => void;
  connecting: (event: ConnectingEvent) => void;
  connected: (event: SessionInfo) => void;
  loggedIn: (event: LoggedInEvent) => void;
  closed: (event: ClosedEvent) => void;
  reconnectScheduled: (event: ReconnectScheduledEvent) => void;
  /** Once, when the client will never connect again (after close() or when the policy gives up). */
  end: (event: { roomId: number; reason: CloseReason }) => void;
  heartbeatSent: (event: HeartbeatSentEvent) => void;
  heartbeatEchoed: (event: HeartbeatEchoedEvent) => void;
}

export type RoomClientEventName = keyof RoomClientEvents;
