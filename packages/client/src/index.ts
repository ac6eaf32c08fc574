export { connectRoom, RoomClient } from './room-client';
export type { RoomClientState } from './room-client';
export type { MessagesOptions } from './message-dispatch';
export type { RoomClientOptions } from './options';
export type {
  ClosedEvent,
  ConnectingEvent,
  HeartbeatEchoedEvent,
  HeartbeatSentEvent,
  LoggedInEvent,
  ReconnectScheduledEvent,
  RoomClientEventName,
  RoomClientEvents,
  SessionInfo,
} from './room-events';
export { CLOSE_REASONS, type CloseReason } from './close-reason';
export {
  backoffDelayMs,
  DEFAULT_BACKOFF,
  exponentialBackoff,
  limitAttempts,
  type BackoffOptions,
  type ReconnectPolicy,
} from './backoff';
export {
  DEFAULT_ENDPOINTS,
  type Endpoint,
  type TcpEndpoint,
  type WebSocketEndpoint,
} from './endpoints';
export type { ClientSocket, SocketFactory } from './client-socket';
export { createSocketFactory } from './socket-factory';
export type { WebSocketOptions } from './ws-socket';
