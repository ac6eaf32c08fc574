import { createServer, type Server, type Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketHandler, type PGLiteSocketHandlerOptions } from '@electric-sql/pglite-socket';
import { SharedSessionQueue } from './shared-session-queue.js';

export interface SqlPortOptions {
  host: string;
  /** 0: any free port. */
  port: number;
  maxClients: number;
  /** See SharedSessionQueue: the longest a client may keep the session between messages. */
  holdLimitMs?: number;
}

export interface SqlPortServer {
  readonly host: string;
  readonly port: number;
  /** Connection string for psql, Grafana and `danmaku sql`. */
  readonly url: string;
  clients(): number;
  /** Ends every client (rolling back an open transaction), then stops listening. */
  close(): Promise<void>;
}

/** An open transaction stops the writer; a client idle in one longer than this is ended. */
export const DEFAULT_HOLD_LIMIT_MS = 10_000;

const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;

/**
 * PostgreSQL's wire protocol on a TCP port, onto the run's PGlite (pglite-socket's handler per
 * connection, our queue: see SharedSessionQueue). There is no authentication: any user and
 * password is accepted, so the default host is loopback. Clients past maxClients get
 * PostgreSQL's own "too many clients" error rather than a closed socket.
 */
export async function startSqlPort(lite: PGlite, options: SqlPortOptions): Promise<SqlPortServer> {
  const sockets = new Map<number, Socket>();
  const handlers = new Set<PGLiteSocketHandler>();
  const queue: SharedSessionQueue = new SharedSessionQueue(lite, {
    holdLimitMs: options.holdLimitMs ?? DEFAULT_HOLD_LIMIT_MS,
    onHoldExpired(handlerId) {
      const socket = sockets.get(handlerId);
      if (socket === undefined) void queue.clearTransactionIfNeeded(handlerId);
      else {
        const seconds = (options.holdLimitMs ?? DEFAULT_HOLD_LIMIT_MS) / 1000;
        endWith(
          socket,
          '25P03',
          `terminating connection: idle in transaction for ${seconds} s ` +
            '(danmaku run: an open transaction holds back the writer)',
        );
      }
    },
  });
  const server = createServer((socket) => {
    if (handlers.size >= options.maxClients) {
      refuse(
        socket,
        `sorry, too many clients already: danmaku run serves ${options.maxClients} ` +
          'SQL clients at a time (DANMAKU_SQL_MAX_CLIENTS)',
      );
      return;
    }
    const handler = new PGLiteSocketHandler({
      queryQueue: queue as unknown as PGLiteSocketHandlerOptions['queryQueue'],
      closeOnDetach: true,
    });
    handlers.add(handler);
    sockets.set(handler.handlerId, socket);
    const forget = () => {
      handlers.delete(handler);
      sockets.delete(handler.handlerId);
    };
    handler.addEventListener('close', forget);
    handler.addEventListener('error', forget);
    void handler.attach(socket);
  });
  const address = await listen(server, options.host, options.port);
  return {
    host: options.host,
    port: address,
    url: `postgres://postgres@${urlHost(options.host)}:${address}/postgres`,
    clients: () => handlers.size,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets.values()) {
        socket.write(errorResponse('57P01', 'terminating connection: danmaku run is stopping'));
      }
      await Promise.all([...handlers].map((handler) => handler.detach(true)));
      await closed;
    },
  };
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}

/**
 * Answers a refused client the way PostgreSQL does: "no" to an SSL or GSS request, then a FATAL
 * error after its startup packet (libpq shows nothing it receives in place of the SSL answer).
 */
function refuse(socket: Socket, message: string): void {
  let buffer = Buffer.alloc(0);
  socket.setTimeout(5_000, () => socket.destroy());
  socket.on('error', () => undefined);
  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    while (buffer.length >= 8) {
      const length = buffer.readInt32BE(0);
      const code = buffer.readInt32BE(4);
      if (length === 8 && (code === SSL_REQUEST || code === GSS_REQUEST)) {
        socket.write('N');
        buffer = buffer.subarray(8);
        continue;
      }
      if (buffer.length >= length) endWith(socket, '53300', message);
      return;
    }
  });
}

function endWith(socket: Socket, code: string, message: string): void {
  socket.end(errorResponse(code, message));
}

/** ErrorResponse, severity FATAL. */
function errorResponse(code: string, message: string): Buffer {
  const fields = Buffer.from(`SFATAL\0VFATAL\0C${code}\0M${message}\0\0`, 'utf8');
  const header = Buffer.alloc(5);
  header.write('E', 0, 'latin1');
  header.writeInt32BE(4 + fields.length, 1);
  return Buffer.concat([header, fields]);
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
