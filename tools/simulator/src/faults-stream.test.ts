import { connect } from 'node:net';
import {
  encodeFrame,
  joinGroupRequest,
  loginRequest,
  type ProtocolErrorCode,
} from '@danmaku/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { MALFORMED_KINDS, type MalformedKind } from './faults.js';
import type { SimulatorOptions } from './options.js';
import { startSimulator, type Simulator } from './simulator.js';
import {
  closeAll,
  expectMatchesTruth,
  join,
  portOf,
  sessionOfRoom,
  sleep,
  streamCount,
  TRANSPORTS,
} from './test-support.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function start(options: SimulatorOptions): Promise<Simulator> {
  sim = await startSimulator({
    seed: 11,
    traffic: { messagesPerSecond: 200, burstEveryMs: 0 },
    ...options,
  });
  return sim;
}

describe('fault: split', () => {
  it.each(TRANSPORTS)(
    '%s: frames arrive cut at random offsets and still decode exactly',
    async (transport) => {
      const s = await start({ faults: { split: { maxPieceBytes: 64 } } });
      const client = await join(s, transport, 1, { heartbeatMs: 100 });
      await client.waitFor((c) => streamCount(c) >= 150);
      await closeAll(s, [client]);
      expect(client.partialChunks).toBeGreaterThan(10);
      if (transport === 'ws') expect(client.chunks).toBeGreaterThan(client.frames);
      expectMatchesTruth(client, sessionOfRoom(s, 1));
    },
  );

  it('down to one byte per WebSocket message', async () => {
    const s = await start({
      faults: { split: { maxPieceBytes: 1 } },
      traffic: { messagesPerSecond: 20 },
    });
    const client = await join(s, 'ws', 2);
    await client.waitFor((c) => streamCount(c) >= 10);
    await closeAll(s, [client]);
    expect(client.maxFramesPerChunk).toBe(1);
    expect(client.partialChunks).toBeGreaterThan(client.frames * 8);
    expectMatchesTruth(client, sessionOfRoom(s, 2));
  });
});

describe('fault: coalesce', () => {
  it.each(TRANSPORTS)(
    '%s: several frames arrive in one read and still decode exactly',
    async (transport) => {
      const s = await start({ faults: { coalesce: { maxFrames: 8 } } });
      const client = await join(s, transport, 3);
      await client.waitFor((c) => streamCount(c) >= 150);
      await closeAll(s, [client]);
      expect(client.maxFramesPerChunk).toBeGreaterThan(1);
      expect(client.partialChunks).toBe(0);
      expectMatchesTruth(client, sessionOfRoom(s, 3));
    },
  );
});

describe('fault: malformed frame', () => {
  const expected: Record<MalformedKind, ProtocolErrorCode> = {
    'bad-length': 'FRAME_TOO_SHORT',
    'length-mismatch': 'LENGTH_MISMATCH',
    'unknown-type': 'UNKNOWN_FRAME_TYPE',
    oversize: 'FRAME_TOO_LARGE',
    'missing-terminator': 'MISSING_TERMINATOR',
  };
  const cases = MALFORMED_KINDS.flatMap((kind) =>
    TRANSPORTS.map((transport) => [kind, transport] as const),
  );

  it.each(cases)(
    '%s over %s: everything before it decodes, then the decoder fails',
    async (kind, transport) => {
      const s = await start({ faults: { malformed: { kind, afterMessages: 20 }, coalesce: true } });
      const client = await join(s, transport, 4);
      await client.closed;
      expect(client.protocolError?.code).toBe(expected[kind]);
      expect(streamCount(client)).toBe(20);
      const truth = sessionOfRoom(s, 4);
      expect(truth.malformedFrames).toBe(1);
      expect(truth.closeReason).toBe('malformed');
      expectMatchesTruth(client, truth);
    },
  );
});

describe('fault: error message', () => {
  it('sends type@=error/code@=51/ once and keeps streaming', async () => {
    const s = await start({ faults: { error: { code: 51, afterMessages: 5 } } });
    const client = await join(s, 'tcp', 5, { keepBodies: true });
    await client.waitFor((c) => streamCount(c) >= 30);
    await closeAll(s, [client]);
    expect(client.bodies.filter((b) => b === 'type@=error/code@=51/')).toHaveLength(1);
    expect(client.bodies.findIndex((b) => b.startsWith('type@=error/'))).toBe(2 + 5);
    expectMatchesTruth(client, sessionOfRoom(s, 5));
  });
});

describe('backpressure', () => {
  it('drops (and counts) frames for a client that stops reading, instead of buffering without bound', async () => {
    const s = await start({
      maxBufferedBytes: 64 * 1024,
      traffic: { messagesPerSecond: 4_000, burstEveryMs: 0 },
    });
    const socket = connect({ host: '127.0.0.1', port: portOf(s, 'tcp') });
    socket.on('error', () => undefined);
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(encodeFrame(loginRequest(6)));
    socket.write(encodeFrame(joinGroupRequest(6)));
    socket.pause();
    const dropped = () =>
      s.groundTruth({ cids: false }).sessions.find((t) => t.loginRoomId === 6)?.droppedFrames ?? 0;
    const deadline = Date.now() + 20_000;
    while (dropped() === 0 && Date.now() < deadline) await sleep(200);
    socket.destroy();
    const truth = sessionOfRoom(s, 6);
    expect(truth.droppedFrames).toBeGreaterThan(0);
    expect(truth.streamMessages).toBeGreaterThan(0);
  });
});
