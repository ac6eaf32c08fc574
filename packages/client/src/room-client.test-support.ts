// Helpers for the real-socket tests of RoomClient (not part of the package API).
import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import type { RoomClient } from './room-client.js';
import type { RoomClientEvents } from './room-events.js';

/** Resolves with the arguments of the next `event` that passes `accept`; rejects after timeoutMs. */
export function nextEvent<K extends keyof RoomClientEvents>(
  client: RoomClient,
  event: K,
  accept: (...args: Parameters<RoomClientEvents[K]>) => boolean = () => true,
  timeoutMs = 5_000,
): Promise<Parameters<RoomClientEvents[K]>> {
  return new Promise((resolve, reject) => {
    const listener = ((...args: Parameters<RoomClientEvents[K]>) => {
      if (!accept(...args)) return;
      clearTimeout(timer);
      client.off(event, listener);
      resolve(args);
    }) as RoomClientEvents[K];
    const timer = setTimeout(() => {
      client.off(event, listener);
      reject(new Error(`no '${String(event)}' event within ${timeoutMs} ms`));
    }, timeoutMs);
    client.on(event, listener);
  });
}

/** Polls `condition` every 5 ms until it holds; rejects after timeoutMs. */
export async function until(
  condition: () => boolean,
  timeoutMs = 5_000,
  what = 'condition',
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Every event of a client, in order, as `name` strings (payloads kept for inspection). */
export function recordEvents(
  client: RoomClient,
  names: ReadonlyArray<keyof RoomClientEvents>,
): Array<{ name: string; payload: unknown }> {
  const log: Array<{ name: string; payload: unknown }> = [];
  for (const name of names) {
    const listener = (payload: unknown) => log.push({ name, payload });
    client.on(name, listener);
  }
  return log;
}

/** A TCP port that accepts connections and never answers: a peer stuck mid-handshake. */
export async function startBlackHole(): Promise<{
  port: number;
  sockets: Set<Socket>;
  close(): Promise<void>;
}> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.resume(); // read and discard, so that the client's FIN is seen
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    port,
    sockets,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on (bound, then released), so connecting is refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
