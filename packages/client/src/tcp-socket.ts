import { connect, type Socket } from 'node:net';
import type { ClientSocket } from './client-socket.js';
import type { TcpEndpoint } from './endpoints.js';

/** A `ClientSocket` over a plain TCP connection (the legacy Douyu transport, and the simulator). */
export class TcpClientSocket implements ClientSocket {
  readonly #socket: Socket;

  constructor(endpoint: TcpEndpoint) {
    this.#socket = connect({ host: endpoint.host, port: endpoint.port, noDelay: true });
  }

  onOpen(listener: () => void): void {
    this.#socket.once('connect', listener);
  }

  onData(listener: (chunk: Buffer) => void): void {
    this.#socket.on('data', listener);
  }

  onClose(listener: (detail: string) => void): void {
    this.#socket.once('close', (hadError) =>
      listener(hadError ? 'tcp closed after error' : 'tcp closed'),
    );
  }

  onError(listener: (error: Error) => void): void {
    this.#socket.on('error', listener);
  }

  write(data: Buffer): void {
    this.#socket.write(data);
  }

  pause(): void {
    this.#socket.pause();
  }

  resume(): void {
    this.#socket.resume();
  }

  end(): void {
    this.#socket.end();
  }

  destroy(): void {
    this.#socket.destroy();
  }
}
