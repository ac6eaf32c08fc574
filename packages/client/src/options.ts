import { randomUUID } from 'node:crypto';
import { exponentialBackoff, type ReconnectPolicy } from './backoff.js';
import type { SocketFactory } from './client-socket.js';
import { DEFAULT_ENDPOINTS, validateEndpoints, type Endpoint } from './endpoints.js';
import { createSocketFactory } from './socket-factory.js';

export interface RoomClientOptions {
  /** Tried in order; the next one after each failed connection. Default: wss 8506 → 8501. */
  endpoints?: readonly Endpoint[];
  /** Opens the sockets. Default: `createSocketFactory()` (`ws` and `node:net`). */
  socketFactory?: SocketFactory;
  /** Time between `mrkl` heartbeats. Default 45 000 (the official document's value). */
  heartbeatIntervalMs?: number;
  /** Nothing received for this long means the socket is dead. Default heartbeatIntervalMs + 15 000. */
  deadAfterMs?: number;
  /** Socket open (TCP connect or WebSocket handshake) deadline. Default 10 000. */
  connectTimeoutMs?: number;
  /** `loginreq` → `loginres` deadline; then the connection is dropped and retried. Default 10 000. */
  loginTimeoutMs?: number;
  /** How long `close()` waits for a graceful close after `logout` before destroying. Default 2 000. */
  closeTimeoutMs?: number;
  /** Delay before each reconnect. Default: `exponentialBackoff({ baseMs: 1000, capMs: 60000 })`. */
  reconnectPolicy?: ReconnectPolicy;
  /** Largest frame the decoder accepts; larger means a corrupt stream. Default 1 MiB. */
  maxFrameBytes?: number;
  /** The `joingroup` gid. Default -9999 (every message of the room). */
  groupId?: number;
  /** Wall clock for `receivedAtMs` and session times. Default `Date.now`. */
  now?: () => number;
  /** Session id generator. Default `crypto.randomUUID`. */
  createSessionId?: () => string;
}

export type ResolvedOptions = Required<RoomClientOptions>;

/**
 * `crypto.randomUUID()` returns a rope of ~14 concatenated pieces (~450 bytes of heap); reading
 * one character flattens it in place to a single ~90-byte string. It lives as long as its
 * connection, times thousands of rooms.
 */
function flatRandomUUID(): string {
  const id = randomUUID();
  id.charCodeAt(0);
  return id;
}

const DEFAULT_SOCKET_FACTORY = createSocketFactory();

export const DEFAULT_HEARTBEAT_INTERVAL_MS = 45_000;
export const DEAD_AFTER_GRACE_MS = 15_000;

export function resolveOptions(roomId: number, options: RoomClientOptions): ResolvedOptions {
  const heartbeatIntervalMs = options.heartbeatIntervalMs ?? DEFAULT_HEARTBEAT_INTERVAL_MS;
  const resolved: ResolvedOptions = {
    endpoints: options.endpoints ?? DEFAULT_ENDPOINTS,
    socketFactory: options.socketFactory ?? DEFAULT_SOCKET_FACTORY,
    heartbeatIntervalMs,
    deadAfterMs: options.deadAfterMs ?? heartbeatIntervalMs + DEAD_AFTER_GRACE_MS,
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    loginTimeoutMs: options.loginTimeoutMs ?? 10_000,
    closeTimeoutMs: options.closeTimeoutMs ?? 2_000,
    reconnectPolicy: options.reconnectPolicy ?? exponentialBackoff(),
    maxFrameBytes: options.maxFrameBytes ?? 1_048_576,
    groupId: options.groupId ?? -9999,
    now: options.now ?? Date.now,
    createSessionId: options.createSessionId ?? flatRandomUUID,
  };
  const problems: string[] = [];
  if (!Number.isSafeInteger(roomId) || roomId <= 0) problems.push('roomId: not a positive integer');
  for (const key of [
    'heartbeatIntervalMs',
    'deadAfterMs',
    'connectTimeoutMs',
    'loginTimeoutMs',
    'closeTimeoutMs',
    'maxFrameBytes',
  ] as const) {
    const value = resolved[key];
    if (!Number.isFinite(value) || value <= 0) problems.push(`${key}: not a positive number`);
  }
  if (!Number.isSafeInteger(resolved.groupId)) problems.push('groupId: not an integer');
  try {
    validateEndpoints(resolved.endpoints);
  } catch (error) {
    problems.push((error as Error).message);
  }
  if (problems.length > 0) throw new TypeError(`connectRoom: ${problems.join('; ')}`);
  return resolved;
}
