import type { ClientSocket, SocketFactory } from '@danmaku/client';
import { encodeFrame, FrameDecoder } from '@danmaku/protocol';
import { describe, expect, it } from 'vitest';
import { ConnectGate } from './connect-gate.js';
import { ConnectScheduler } from './connect-scheduler.js';
import { createDropReporter } from './drop-reporter.js';
import { silentLogger } from '@danmaku/runtime';
import { createCollectorMetrics } from './metrics.js';
import type { BackpressureState, RawRecord, RecordSink, SessionEvent } from '@danmaku/records';
import { RoomManager } from './room-manager.js';

/** An in-memory Douyu room server behind the ClientSocket edge. */
class FakeDouyuSocket implements ClientSocket {
  paused = false;
  readonly #decoder = new FrameDecoder();
  #open: () => void = () => undefined;
  #data: (chunk: Buffer) => void = () => undefined;
  #close: (detail: string) => void = () => undefined;
  #closed = false;

  constructor() {
    setImmediate(() => this.#open());
  }
  onOpen(l: () => void): void {
    this.#open = l;
  }
  onData(l: (chunk: Buffer) => void): void {
    this.#data = l;
  }
  onClose(l: (detail: string) => void): void {
    this.#close = l;
  }
  onError(): void {}
  write(data: Buffer): void {
    this.#decoder.push(data);
    for (const { body } of this.#decoder) {
      const text = body.toString();
      if (text.startsWith('type@=loginreq/'))
        this.#send(['type@=loginres/userid@=0/ip@=192.0.2.7/live_stat@=1/']);
      if (text.startsWith('type@=joingroup/')) {
        this.#send(['type@=chatmsg/cid@=c1/txt@=hi/', 'type@=chatmsg/cid@=c2/txt@=yo/']);
      }
    }
  }
  pause(): void {
    this.paused = true;
  }
  resume(): void {
    this.paused = false;
  }
  end(): void {
    this.destroy();
  }
  destroy(): void {
    if (this.#closed) return;
    this.#closed = true;
    setImmediate(() => this.#close('closed'));
  }
  #send(bodies: string[]): void {
    const chunk = Buffer.concat(bodies.map((b) => encodeFrame(b, 690)));
    setImmediate(() => this.#data(chunk));
  }
}

function setup() {
  const sockets: FakeDouyuSocket[] = [];
  const socketFactory: SocketFactory = {
    connect: () => {
      const socket = new FakeDouyuSocket();
      sockets.push(socket);
      return socket;
    },
  };
  const records: RawRecord[] = [];
  const sessions: SessionEvent[] = [];
  const listeners = new Set<(state: BackpressureState) => void>();
  const sink: RecordSink = {
    send: (r) => void records.push({ ...r, body: Buffer.from(r.body) }),
    sendSession: (e) => void sessions.push(e),
    onBackpressure: (l) => (listeners.add(l), () => listeners.delete(l)),
    close: () => Promise.resolve(),
  };
  const metrics = createCollectorMetrics();
  const rooms = new RoomManager({
    collectorId: 'unit',
    sink,
    scheduler: new ConnectScheduler({ connectRatePerSec: 1000, reconnectRatePerSec: 1000 }),
    gate: new ConnectGate({ ratePerSec: 1000, burst: 10 }),
    metrics,
    drops: createDropReporter(metrics, silentLogger),
    logger: silentLogger,
    socketFactory,
    clientOptions: { endpoints: [{ transport: 'tcp', host: 'fake', port: 1 }] },
  });
  const signal = (state: BackpressureState) => listeners.forEach((l) => l(state));
  return { rooms, records, sessions, sockets, signal };
}

const until = async (check: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
};

describe('RoomManager', () => {
  it('turns every frame into a record with session, seq, type and collector', async () => {
    const { rooms, records, sessions } = setup();
    const lease = rooms.acquire(9999);
    await until(() => records.length === 3);
    const session = records[0]?.session ?? '';
    expect(records.map((r) => [r.room, r.type, r.seq, r.session, r.collector])).toEqual([
      [9999, 'loginres', 1, session, 'unit'],
      [9999, 'chatmsg', 2, session, 'unit'],
      [9999, 'chatmsg', 3, session, 'unit'],
    ]);
    expect(records[0]?.body.toString()).toBe('type@=loginres/userid@=0/live_stat@=1/');
    expect(records[1]?.body.toString()).toBe('type@=chatmsg/cid@=c1/txt@=hi/');
    expect(lease.messages).toBe(3);
    expect(sessions.map((e) => e.event)).toEqual(['connecting', 'connected', 'logged_in']);
    expect(sessions[0]).toMatchObject({
      session,
      room: 9999,
      transport: 'tcp',
      endpoint: 'fake:1',
    });
    await lease.release();
  });

  it('shares one connection between leases and logs out with the last one', async () => {
    const { rooms, records, sessions, sockets } = setup();
    const a = rooms.acquire(1);
    const b = rooms.acquire(1);
    await until(() => records.length === 3);
    expect(sockets).toHaveLength(1);
    await a.release();
    expect(rooms.has(1)).toBe(true);
    await b.release();
    expect(rooms.has(1)).toBe(false);
    expect(sessions.at(-1)).toMatchObject({ event: 'closed', reason: 'user', messages: 3 });
  });

  it('pauses every socket while the sink is full', async () => {
    const { rooms, records, sockets, signal } = setup();
    const leases = [rooms.acquire(1), rooms.acquire(2)];
    await until(() => records.length === 6);
    signal('full');
    expect(rooms.paused).toBe(true);
    expect(sockets.map((s) => s.paused)).toEqual([true, true]);
    signal('drain');
    expect(sockets.map((s) => s.paused)).toEqual([false, false]);
    await Promise.all(leases.map((l) => l.release()));
  });
});
