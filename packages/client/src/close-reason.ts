/**
 * Why one connection ended. Every value except `user` leads to a reconnect (unless the reconnect
 * policy gives up), so these are also the label values for a "reconnects by reason" metric.
 */
export type CloseReason =
  /** `close()` was called. */
  | 'user'
  /** The socket failed or closed before it opened: refused port, DNS, TLS or handshake failure. */
  | 'connect-failed'
  /** The socket did not open within `connectTimeoutMs`. */
  | 'connect-timeout'
  /** No `loginres` within `loginTimeoutMs` (the server sometimes omits it; we never wait forever). */
  | 'login-timeout'
  /** Nothing received for `deadAfterMs`. */
  | 'dead-socket'
  /** The byte stream could not be framed (`ProtocolError`); only this room's socket is reset. */
  | 'protocol-error'
  /** The server sent `type@=error`; it does not always close the socket itself, so we do. */
  | 'server-error'
  /** The open socket reported an error. */
  | 'socket-error'
  /** The server closed the open socket. */
  | 'remote-closed';

export const CLOSE_REASONS: readonly CloseReason[] = [
  'user',
  'connect-failed',
  'connect-timeout',
  'login-timeout',
  'dead-socket',
  'protocol-error',
  'server-error',
  'socket-error',
  'remote-closed',
];
