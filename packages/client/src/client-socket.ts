import type { Endpoint } from './endpoints.js';

/**
 * The one I/O edge of a room connection: a byte stream to one endpoint. Each listener slot holds
 * one listener (the room connection). Implementations must never call a listener synchronously
 * from `connect()` or from a method call, so that listeners set right after `connect()` see
 * every event; `onClose` fires exactly once, also after an error or `destroy()`.
 */
export interface ClientSocket {
  /** The transport is ready for writes (TCP connected, WebSocket handshake done). */
  onOpen(listener: () => void): void;
  /** Bytes in arrival order; chunk boundaries mean nothing (frames split and coalesce freely). */
  onData(listener: (chunk: Buffer) => void): void;
  onClose(listener: (detail: string) => void): void;
  onError(listener: (error: Error) => void): void;
  write(data: Buffer): void;
  /** Stop reading (backpressure). Data already read may still arrive. */
  pause(): void;
  resume(): void;
  /** Flush what was written, then close gracefully. */
  end(): void;
  /** Close now, dropping unsent data. */
  destroy(): void;
  /**
   * For sockets that wait before dialling (a connect-rate gate): called when the real connection
   * attempt starts, so the connect timeout measures the network, not the queue. Sockets without
   * it are taken to dial at once.
   */
  onDial?(listener: () => void): void;
}

export interface SocketFactory {
  connect(endpoint: Endpoint): ClientSocket;
}
