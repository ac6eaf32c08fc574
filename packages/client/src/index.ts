export { connectRoom, RoomClient } from './room-client.js';
export type { RoomClientState } from './room-client.js';
export type { MessagesOptions } from './message-dispatch.js';
export type { RoomClientOptions } from './options.js';
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
} from './room-events.js';
export { CLOSE_REASONS, type CloseReason } from './close-reason.js';
export {
  backoffDelayMs,
  DEFAULT_BACKOFF,
  exponentialBackoff,
  limitAttempts,
  type BackoffOptions,
  type ReconnectPolicy,
} from './backoff.js';
export {
  DEFAULT_ENDPOINTS,
  type Endpoint,
  type TcpEndpoint,
  type WebSocketEndpoint,
} from './endpoints.js';
export type { ClientSocket, SocketFactory } from './client-socket.js';
export { createSocketFactory } from './socket-factory.js';
export type { WebSocketOptions } from './ws-socket.js';
