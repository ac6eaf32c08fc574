import type { SecureContext } from 'node:tls';
import WebSocket from 'ws';
import type { ClientSocket } from './client-socket.js';
import type { WebSocketEndpoint } from './endpoints.js';

export interface WebSocketOptions {
  /** Largest WebSocket message accepted; one message may carry several Douyu frames. */
  maxPayloadBytes: number;
  /** Extra handshake headers (some clients send `Origin: https://www.douyu.com`). */
  headers: Readonly<Record<string, string>>;
  /** TLS settings for `wss:`, shared by every socket of a factory (one per socket costs memory). */
  secureContext?: SecureContext;
}

/** A `ClientSocket` over a WebSocket; each binary message is just more bytes for the decoder. */
export class WebSocketClientSocket implements ClientSocket {
  readonly #ws: WebSocket;

  constructor(endpoint: WebSocketEndpoint, options: WebSocketOptions) {
    // No permessage-deflate: a zlib context per socket costs far more memory than a room is
    // allowed (≤ 50 KB), and the frames are small STT text.
    this.#ws = new WebSocket(endpoint.url, {
      perMessageDeflate: false,
      maxPayload: options.maxPayloadBytes,
      headers: { ...options.headers },
      ...(options.secureContext === undefined ? {} : { secureContext: options.secureContext }),
    });
    this.#ws.binaryType = 'nodebuffer';
  }

  onOpen(listener: () => void): void {
    this.#ws.once('open', listener);
  }

  onData(listener: (chunk: Buffer) => void): void {
    // With binaryType 'nodebuffer' every message (text or binary) arrives as one Buffer.
    this.#ws.on('message', (data) => listener(data as Buffer));
  }

  onClose(listener: (detail: string) => void): void {
    this.#ws.once('close', (code) => listener(`ws closed with code ${code}`));
  }

  onError(listener: (error: Error) => void): void {
    this.#ws.on('error', listener);
  }

  write(data: Buffer): void {
    if (this.#ws.readyState === WebSocket.OPEN) this.#ws.send(data);
  }

  pause(): void {
    this.#ws.pause();
  }

  resume(): void {
    this.#ws.resume();
  }

  end(): void {
    if (this.#ws.readyState === WebSocket.CONNECTING) this.#ws.terminate();
    else this.#ws.close(1000);
  }

  destroy(): void {
    this.#ws.terminate();
  }
}
