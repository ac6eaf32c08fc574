import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';

export type TransportKind = 'tcp' | 'ws';

/** One accepted connection, as a session sees it: bytes out, and two ways to close. */
export interface Transport {
  readonly kind: TransportKind;
  /** The listening port it came in on. */
  readonly localPort: number;
  /** One TCP write, or one binary WebSocket message. */
  write(chunk: Buffer): void;
  /**
   * Runs `writes` as one batch: one syscall; on a WebSocket every write stays its own message.
   */
  batch(writes: () => void): void;
  /**
   * Holds writes in memory until uncork() (calls nest): a tick's frames then cost one syscall per
   * connection instead of one per frame, which was the simulator's largest CPU cost.
   */
  cork(): void;
  uncork(): void;
  /** Bytes accepted by write() but not yet handed to the kernel. */
  bufferedBytes(): number;
  /** Flushes what was written, then closes (FIN, or a WebSocket close frame). */
  end(): void;
  /** Closes at once (RST, or a terminated WebSocket); unsent bytes are lost. */
  reset(): void;
}

/** What a transport reports to its session. */
export interface ConnectionHandler {
  data(chunk: Buffer): void;
  closed(): void;
}

export function tcpTransport(
  socket: Socket,
  localPort: number,
  handle: (transport: Transport) => ConnectionHandler,
): void {
  socket.setNoDelay(true);
  const transport: Transport = {
    kind: 'tcp',
    localPort,
    write: (chunk) => {
      if (socket.writable) socket.write(chunk);
    },
    batch: (writes) => {
      socket.cork();
      writes();
      socket.uncork();
    },
    cork: () => socket.cork(),
    uncork: () => socket.uncork(),
    bufferedBytes: () => socket.writableLength,
    end: () => {
      socket.end();
    },
    reset: () => {
      if (!socket.destroyed) socket.resetAndDestroy();
    },
  };
  const handler = handle(transport);
  socket.on('data', (chunk: Buffer) => handler.data(chunk));
  // A reset by the peer is an ordinary way for a session to end; 'close' follows.
  socket.on('error', () => undefined);
  socket.once('close', () => handler.closed());
}

/** `socket` is the one the WebSocket was upgraded on: corking it batches whole messages. */
export function wsTransport(
  ws: WebSocket,
  socket: Duplex,
  localPort: number,
  handle: (transport: Transport) => ConnectionHandler,
): void {
  const transport: Transport = {
    kind: 'ws',
    localPort,
    write: (chunk) => {
      if (ws.readyState === ws.OPEN) ws.send(chunk, { binary: true });
    },
    batch: (writes) => {
      socket.cork();
      writes();
      socket.uncork();
    },
    cork: () => socket.cork(),
    uncork: () => socket.uncork(),
    bufferedBytes: () => ws.bufferedAmount,
    end: () => {
      ws.close(1000);
    },
    reset: () => {
      ws.terminate();
    },
  };
  const handler = handle(transport);
  ws.on('message', (data) => {
    if (Buffer.isBuffer(data)) handler.data(data);
    else handler.data(Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data));
  });
  ws.on('error', () => undefined);
  ws.once('close', () => handler.closed());
}
