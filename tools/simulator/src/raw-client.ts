import { connect as connectTcp, type Socket } from 'node:net';
import {
  encodeFrame,
  FrameDecoder,
  heartbeatRequest,
  joinGroupRequest,
  loginRequest,
  logoutRequest,
  parseStt,
  peekType,
  ProtocolError,
} from '@danmaku/protocol';
import { WebSocket } from 'ws';
import type { TransportKind } from './transport.js';

export interface RawClientOptions {
  transport: TransportKind;
  port: number;
  roomId: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Send loginreq and joingroup as soon as the socket opens. Default true. */
  autoJoin?: boolean;
  /** Send a `mrkl` heartbeat this often; default never. */
  heartbeatMs?: number;
  /** Keep every decoded body in `bodies`. Default false. */
  keepBodies?: boolean;
  maxFrameBytes?: number;
}

/**
 * A bare Douyu client for tests: no reconnects, no typed parsing, just frames counted the way the
 * simulator's ground truth counts them. A protocol error is recorded and drops the socket.
 */
export class RawClient {
  readonly countsByType: Record<string, number> = {};
  readonly cids: string[] = [];
  readonly bodies: string[] = [];
  /** Reads from the socket (TCP chunks or WebSocket messages). */
  chunks = 0;
  /** Reads that ended inside a frame. */
  partialChunks = 0;
  maxFramesPerChunk = 0;
  protocolError: ProtocolError | undefined;
  /** `sessionid` of the loginres: the simulator's session id. */
  sessionId: number | undefined;
  isClosed = false;
  readonly closed: Promise<void>;
  private readonly decoder: FrameDecoder;
  private readonly waiters = new Set<() => void>();
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private onClosed: () => void = () => undefined;
  private writeBytes: (chunk: Buffer) => void = () => undefined;
  private endSocket: () => void = () => undefined;
  private destroySocket: () => void = () => undefined;

  private constructor(private readonly options: RawClientOptions) {
    this.decoder = new FrameDecoder(
      options.maxFrameBytes === undefined ? {} : { maxFrameBytes: options.maxFrameBytes },
    );
    this.closed = new Promise((resolve) => (this.onClosed = resolve));
  }

  static async connect(options: RawClientOptions): Promise<RawClient> {
    const client = new RawClient(options);
    await (options.transport === 'ws' ? client.openWs() : client.openTcp());
    if (options.autoJoin !== false) {
      client.send(loginRequest(options.roomId));
      client.send(joinGroupRequest(options.roomId));
    }
    if (options.heartbeatMs !== undefined) {
      client.heartbeat = setInterval(() => client.send(heartbeatRequest()), options.heartbeatMs);
    }
    return client;
  }

  /** Frames of every type received so far. */
  get frames(): number {
    return Object.values(this.countsByType).reduce((sum, n) => sum + n, 0);
  }

  send(body: string): void {
    this.sendRaw(encodeFrame(body));
  }

  sendRaw(bytes: Buffer): void {
    if (!this.isClosed) this.writeBytes(bytes);
  }

  /** Resolves when the predicate holds (checked after every read and on close). */
  async waitFor(predicate: (client: RawClient) => boolean, timeoutMs = 10_000): Promise<void> {
    if (predicate(this)) return;
    await new Promise<void>((resolve, reject) => {
      const check = (): void => {
        if (!predicate(this)) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(
          new Error(`RawClient.waitFor timed out; received ${JSON.stringify(this.countsByType)}`),
        );
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  /** Sends logout and waits for the server to close. */
  async logout(): Promise<void> {
    this.send(logoutRequest());
    await this.closed;
  }

  /** Closes gracefully and waits until the socket is gone. */
  async close(): Promise<void> {
    if (!this.isClosed) this.endSocket();
    await this.closed;
  }

  destroy(): void {
    this.destroySocket();
  }

  private async openTcp(): Promise<void> {
    const socket: Socket = connectTcp({
      host: this.options.host ?? '127.0.0.1',
      port: this.options.port,
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.once('close', () => this.finish());
    this.writeBytes = (chunk) => socket.write(chunk);
    this.endSocket = () => socket.end();
    this.destroySocket = () => socket.destroy();
  }

  private async openWs(): Promise<void> {
    const host = this.options.host ?? '127.0.0.1';
    const ws = new WebSocket(`ws://${host}:${this.options.port}/`, { perMessageDeflate: false });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    ws.on('error', () => undefined);
    ws.on('message', (data: Buffer) => this.receive(data));
    ws.once('close', () => this.finish());
    this.writeBytes = (chunk) => ws.send(chunk);
    this.endSocket = () => ws.close(1000);
    this.destroySocket = () => ws.terminate();
  }

  private receive(chunk: Buffer): void {
    if (this.protocolError !== undefined) return;
    this.chunks++;
    let frames = 0;
    try {
      this.decoder.push(chunk);
      for (const frame of this.decoder) {
        frames++;
        this.count(frame.body.toString('utf8'));
      }
    } catch (error) {
      if (!(error instanceof ProtocolError)) throw error;
      this.protocolError = error;
      this.destroySocket();
    }
    if (this.decoder.bufferedBytes > 0 && this.protocolError === undefined) this.partialChunks++;
    this.maxFramesPerChunk = Math.max(this.maxFramesPerChunk, frames);
    for (const waiter of this.waiters) waiter();
  }

  private count(body: string): void {
    const type = peekType(body) ?? '';
    this.countsByType[type] = (this.countsByType[type] ?? 0) + 1;
    if (this.options.keepBodies === true) this.bodies.push(body);
    if (type === 'chatmsg') this.cids.push(parseStt(body).cid ?? '');
    else if (type === 'loginres') this.sessionId = Number(parseStt(body).sessionid);
  }

  private finish(): void {
    this.isClosed = true;
    if (this.heartbeat !== undefined) clearInterval(this.heartbeat);
    this.onClosed();
    for (const waiter of this.waiters) waiter();
  }
}
