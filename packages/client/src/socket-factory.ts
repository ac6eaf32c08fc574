import { createSecureContext } from 'node:tls';
import type { ClientSocket, SocketFactory } from './client-socket.js';
import type { Endpoint } from './endpoints.js';
import { TcpClientSocket } from './tcp-socket.js';
import { WebSocketClientSocket, type WebSocketOptions } from './ws-socket.js';

const DEFAULT_WS_OPTIONS: WebSocketOptions = {
  maxPayloadBytes: 4 * 1_048_576,
  headers: { Origin: 'https://www.douyu.com' },
};

/**
 * The default transports: `ws` for WebSocket endpoints, `node:net` for TCP endpoints. Every
 * `wss:` socket of one factory shares one TLS context (default CAs unless `secureContext` is
 * given): without it each connection builds its own, which costs memory per room.
 */
export function createSocketFactory(options: Partial<WebSocketOptions> = {}): SocketFactory {
  const wsOptions: WebSocketOptions = { ...DEFAULT_WS_OPTIONS, ...options };
  return {
    connect(endpoint: Endpoint): ClientSocket {
      if (endpoint.transport === 'tcp') return new TcpClientSocket(endpoint);
      if (wsOptions.secureContext === undefined && endpoint.url.startsWith('wss:')) {
        wsOptions.secureContext = createSecureContext();
      }
      return new WebSocketClientSocket(endpoint, wsOptions);
    },
  };
}
