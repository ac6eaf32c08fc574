export { connectRoom, RoomClient } from './room-client';
export type { RoomClientState } from './room-client';
export type { MessagesOptions } from './message-dispatch';
export type { RoomClientOptions } from './options';
export { DEFAULT_HEARTBEAT_INTERVAL_MS, DEAD_AFTER_GRACE_MS } from './options';
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
  DOUYU_WS_HOST,
  DOUYU_WS_PORTS,
  describeEndpoint,
  nextEndpointIndex,
  webSocketEndpoints,
  type Endpoint,
  type TcpEndpoint,
  type WebSocketEndpoint,
} from './endpoints';
export type { ClientSocket, SocketFactory } from './client-socket';
export { createSocketFactory } from './socket-factory';
export type { WebSocketOptions } from './ws-socket';
export { TcpClientSocket } from './tcp-socket';
export { WebSocketClientSocket } from './ws-socket';
export { MessageQueue, type MessageQueueOptions } from './message-queue';
