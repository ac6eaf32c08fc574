import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import { WebSocketServer } from 'ws';
import {
  tcpTransport,
  wsTransport,
  type ConnectionHandler,
  type Transport,
  type TransportKind,
} from './transport.js';

/** One listening port. A refusing listener resets every connection as soon as it is accepted. */
export interface Listener {
  readonly kind: TransportKind;
  readonly port: number;
  refusing: boolean;
  close(): Promise<void>;
}

export interface ListenerSetup {
  kind: TransportKind;
  host: string;
  port: number;
  refusing: boolean;
  onConnection: (transport: Transport) => ConnectionHandler;
  onRefused: () => void;
}

/** Client frames are tiny; anything bigger than this in one WebSocket message is not a client. */
const MAX_CLIENT_MESSAGE_BYTES = 64 * 1024;

const wss = new WebSocketServer({
  noServer: true,
  perMessageDeflate: false,
  clientTracking: false,
  maxPayload: MAX_CLIENT_MESSAGE_BYTES,
});

export async function startListener(setup: ListenerSetup): Promise<Listener> {
  const server = setup.kind === 'tcp' ? createNetServer({ noDelay: true }) : createHttpServer();
  let port = setup.port;
  const listener: Listener = {
    kind: setup.kind,
    get port() {
      return port;
    },
    refusing: setup.refusing,
    close: () => closeServer(server),
  };
  server.on('connection', (socket: Socket) => {
    if (listener.refusing) {
      setup.onRefused();
      socket.on('error', () => undefined);
      socket.resetAndDestroy();
    } else if (setup.kind === 'tcp') {
      tcpTransport(socket, port, setup.onConnection);
    }
  });
  if (setup.kind === 'ws') acceptWebSockets(server as HttpServer, () => port, setup.onConnection);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: setup.host, port: setup.port, backlog: 4096 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address !== null && typeof address === 'object') port = address.port;
  return listener;
}

function acceptWebSockets(
  server: HttpServer,
  port: () => number,
  onConnection: (transport: Transport) => ConnectionHandler,
): void {
  server.on('request', (_request, response) => {
    response.writeHead(426, { 'content-type': 'text/plain' }).end('WebSocket only\n');
  });
  server.on('upgrade', (request, socket, head) => {
    socket.on('error', () => undefined);
    // The real danmuproxy serves its WebSocket at "/"; a query string is tolerated.
    const path = (request.url ?? '/').split('?')[0];
    if (path !== '/') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      wsTransport(ws, socket, port(), onConnection);
    });
  });
}

async function closeServer(server: NetServer | HttpServer): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    if ('closeAllConnections' in server) server.closeAllConnections();
  });
}
