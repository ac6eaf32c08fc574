import type { ClientSocket, Endpoint, SocketFactory } from '@danmaku/client';
import type { ConnectGate } from './connect-gate.js';

/** Wraps a SocketFactory so that every socket opens only when the ConnectGate allows it. */
export function gatedSocketFactory(
  inner: SocketFactory,
  gate: ConnectGate,
  onWaited?: (waitedMs: number) => void,
): SocketFactory {
  return { connect: (endpoint) => new GatedSocket(inner, endpoint, gate, onWaited) };
}

/**
 * A ClientSocket whose real socket is created once the gate lets it through. Until then it
 * holds the listeners; closing it while it waits cancels the wait and reports the close
 * asynchronously, as the ClientSocket contract asks.
 */
class GatedSocket implements ClientSocket {
  #inner: ClientSocket | undefined;
  #paused = false;
  #closed = false;
  #onOpen: (() => void) | undefined;
  #onData: ((chunk: Buffer) => void) | undefined;
  #onClose: ((detail: string) => void) | undefined;
  #onError: ((error: Error) => void) | undefined;
  #onDial: (() => void) | undefined;
  readonly #cancel: () => void;

  constructor(
    inner: SocketFactory,
    endpoint: Endpoint,
    gate: ConnectGate,
    onWaited?: (ms: number) => void,
  ) {
    const queuedAt = Date.now();
    // Deferred by a microtask even when a token is free: listeners are set right after connect().
    let cancelled = false;
    let cancelGate: () => void = () => undefined;
    queueMicrotask(() => {
      if (cancelled) return;
      cancelGate = gate.acquire(() => {
        onWaited?.(Date.now() - queuedAt);
        this.#onDial?.();
        this.#open(inner.connect(endpoint));
      });
    });
    this.#cancel = () => {
      cancelled = true;
      cancelGate();
    };
  }

  onOpen(listener: () => void): void {
    this.#onOpen = listener;
    this.#inner?.onOpen(listener);
  }
  onData(listener: (chunk: Buffer) => void): void {
    this.#onData = listener;
    this.#inner?.onData(listener);
  }
  onClose(listener: (detail: string) => void): void {
    this.#onClose = listener;
    this.#inner?.onClose(listener);
  }
  onError(listener: (error: Error) => void): void {
    this.#onError = listener;
    this.#inner?.onError(listener);
  }
  /** The connect timeout starts here, not while the socket waits its turn at the gate. */
  onDial(listener: () => void): void {
    this.#onDial = listener;
    if (this.#inner) listener();
  }

  write(data: Buffer): void {
    this.#inner?.write(data);
  }

  pause(): void {
    this.#paused = true;
    this.#inner?.pause();
  }

  resume(): void {
    this.#paused = false;
    this.#inner?.resume();
  }

  end(): void {
    if (this.#inner) this.#inner.end();
    else this.#closeWaiting();
  }

  destroy(): void {
    if (this.#inner) this.#inner.destroy();
    else this.#closeWaiting();
  }

  #open(socket: ClientSocket): void {
    this.#inner = socket;
    if (this.#onOpen) socket.onOpen(this.#onOpen);
    if (this.#onData) socket.onData(this.#onData);
    if (this.#onClose) socket.onClose(this.#onClose);
    if (this.#onError) socket.onError(this.#onError);
    if (this.#paused) socket.pause();
  }

  #closeWaiting(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#cancel();
    setImmediate(() => this.#onClose?.('closed while waiting for the connect limit'));
  }
}
