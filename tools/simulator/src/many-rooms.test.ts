import { afterAll, describe, expect, it } from 'vitest';
import { MALFORMED_KINDS, type FaultConfig } from './faults.js';
import type { SessionTruth } from './ground-truth.js';
import type { ConnectionInfo } from './options.js';
import { RawClient } from './raw-client.js';
import { startSimulator, type Simulator } from './simulator.js';
import { sleep } from './test-support.js';

const ROOMS = 1_000;
const FIRST_ROOM = 10_000;
const RUN_MS = 10_000;

/** Twelve in every twenty rooms get a fault; the rest are healthy. */
function faultsOf({ roomId }: ConnectionInfo): FaultConfig | undefined {
  const index = roomId - FIRST_ROOM;
  switch (index % 20) {
    case 0:
      return { split: { maxPieceBytes: 128 } };
    case 1:
      return { split: { maxPieceBytes: 16 }, coalesce: true };
    case 2:
      return { coalesce: { maxFrames: 32 } };
    case 3:
      return { closeAfterMessages: 10 + (index % 30) };
    case 4:
      return { closeAfterMs: 2_000 + (index % 6_000) };
    case 5:
      return {
        malformed: {
          kind: MALFORMED_KINDS[Math.floor(index / 20) % MALFORMED_KINDS.length] ?? 'bad-length',
          afterMessages: 5 + (index % 35),
        },
      };
    case 6:
      return { noHeartbeatEcho: true, split: true };
    case 7:
      return { loginDelayMs: 300 + (index % 1_200) };
    case 8:
      return { error: { code: 51, afterMessages: 10 } };
    case 9:
      return { silenceAfterMessages: 15 };
    case 10:
      return { noLoginRes: true };
    case 11:
      return { malformed: { kind: 'oversize', afterMessages: 3 }, coalesce: true };
    default:
      return undefined;
  }
}

const CONTROL_TYPES = new Set(['loginres', 'pingreq', 'mrkl', 'error']);

function withoutControl(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).filter(([type]) => !CONTROL_TYPES.has(type)));
}

describe('1,000 rooms, one client each, for 10 s with fault modes on', () => {
  let sim: Simulator;
  afterAll(async () => sim.close());

  it('every client decodes exactly what the ground truth says it was sent', async () => {
    sim = await startSimulator({
      seed: 2026,
      listen: { ws: [0, 0], tcp: [0, 0] },
      traffic: {
        messagesPerSecond: 2,
        burstEveryMs: 5_000,
        burstDurationMs: 1_000,
        burstMultiplier: 4,
      },
      pingIntervalMs: 3_000,
      faultsFor: faultsOf,
    });
    const clients: RawClient[] = [];
    const connectStarted = performance.now();
    for (let batch = 0; batch < ROOMS; batch += 100) {
      const connecting = Array.from({ length: 100 }, (_, i) => {
        const index = batch + i;
        // Alternate transports, and swap them every 20 rooms so each fault runs over both.
        const transport = (index + Math.floor(index / 20)) % 2 === 0 ? 'ws' : 'tcp';
        const ports = transport === 'ws' ? sim.wsPorts : sim.tcpPorts;
        const port = ports[Math.floor(index / 2) % ports.length] as number;
        return RawClient.connect({
          transport,
          port,
          roomId: FIRST_ROOM + index,
          heartbeatMs: 1_000 + (index % 500),
        });
      });
      clients.push(...(await Promise.all(connecting)));
    }
    console.log(
      `connected ${ROOMS} clients in ${Math.round(performance.now() - connectStarted)} ms`,
    );
    expect(sim.groundTruth({ cids: false }).totals.sessions).toBe(ROOMS);
    await sleep(RUN_MS);
    const dropStarted = performance.now();
    const dropped = sim.dropAll();
    await Promise.all(clients.map((client) => client.closed));
    const dropMs = Math.round(performance.now() - dropStarted);
    console.log(
      `dropped ${dropped} connections at once; every client saw its close within ${dropMs} ms`,
    );
    expect(dropped).toBeGreaterThan(700);
    const truth = sim.groundTruth();
    const byRoom = new Map<number, SessionTruth>(
      truth.sessions.map((s) => [s.loginRoomId ?? -1, s]),
    );
    expect(truth.sessions).toHaveLength(ROOMS);
    let streamMessages = 0;
    let chats = 0;
    for (const [index, client] of clients.entries()) {
      const roomId = FIRST_ROOM + index;
      const session = byRoom.get(roomId);
      expect(client.countsByType, `room ${roomId}`).toEqual(session?.countsByType);
      expect(client.cids, `room ${roomId}`).toEqual(session?.cids);
      expect(client.protocolError !== undefined, `room ${roomId}`).toBe(
        (session?.malformedFrames ?? 0) > 0,
      );
      const room = truth.rooms[String(roomId)];
      expect(withoutControl(client.countsByType), `room ${roomId}`).toEqual(
        room?.countsByType ?? {},
      );
      expect(client.cids).toEqual(room?.cids ?? []);
      streamMessages += session?.streamMessages ?? 0;
      chats += client.cids.length;
    }
    expect(truth.totals.streamMessages).toBe(streamMessages);
    const broken = clients.filter((c) => c.protocolError !== undefined).length;
    expect(truth.totals.malformedFrames).toBe(broken);
    expect(broken).toBeGreaterThan(80);
    expect(truth.totals.droppedFrames).toBe(0);
    expect(clients.filter((c) => c.partialChunks > 0).length).toBeGreaterThan(100);
    expect(new Set(clients.flatMap((c) => c.cids)).size).toBe(chats);
    expect(streamMessages).toBeGreaterThan(ROOMS * 15);
  }, 180_000);
});
