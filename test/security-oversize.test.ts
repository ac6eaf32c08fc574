// Security: a frame over the 1 MiB cap (the simulator's `oversize` fault) makes the receiver reset
// that one connection at the header, before buffering the body, and say so in a log line; the
// other rooms on the same collector are untouched.
import { connectRoom, type ClosedEvent } from '@danmaku/client';
import { createLogger } from '@danmaku/runtime';
import { loadCollectorConfig, startCollector, type Collector } from '@danmaku/collector';
import type { RawRecord, RecordSink, SessionEvent } from '@danmaku/records';
import { startSimulator, type Simulator } from '@danmaku/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricValue, waitForValue } from './collector-support.js';
import { waitFor } from './support/index.js';

const BAD_ROOM = 51_001;
const GOOD_ROOM = 51_002;
/** The simulator closes a session itself this long after a malformed frame. */
const SERVER_GRACE_MS = 5_000;

function arraySink(): RecordSink & { records: RawRecord[]; sessions: SessionEvent[] } {
  const records: RawRecord[] = [];
  const sessions: SessionEvent[] = [];
  return {
    records,
    sessions,
    send: (record) => void records.push(record),
    sendSession: (event) => void sessions.push(event),
    close: () => Promise.resolve(),
  };
}

describe('security: oversize frame', () => {
  let sim: Simulator;

  beforeAll(async () => {
    sim = await startSimulator({
      seed: 11,
      traffic: { messagesPerSecond: 20 },
      faultsFor: ({ roomId }) =>
        roomId === BAD_ROOM ? { malformed: { kind: 'oversize', afterMessages: 3 } } : undefined,
    });
  });
  afterAll(async () => sim?.close());

  it('RoomClient: closes with protocol-error FRAME_TOO_LARGE, well before the server would', async () => {
    const client = connectRoom(BAD_ROOM, {
      endpoints: [{ transport: 'tcp', host: '127.0.0.1', port: sim.tcpPorts[0] ?? 0 }],
      reconnectPolicy: () => null,
    });
    try {
      const closed = await new Promise<ClosedEvent>((resolve) => client.on('closed', resolve));
      expect(closed.reason).toBe('protocol-error');
      expect((closed.error as { code?: string } | undefined)?.code).toBe('FRAME_TOO_LARGE');
      expect(closed.openedAtMs).toBeDefined();
      expect(closed.closedAtMs - (closed.openedAtMs ?? 0)).toBeLessThan(SERVER_GRACE_MS);
    } finally {
      await client.close();
    }
  });

  for (const transport of ['ws', 'tcp'] as const) {
    describe(`collector over ${transport}`, () => {
      const sink = arraySink();
      const lines: string[] = [];
      let collector: Collector;

      beforeAll(async () => {
        const endpoint = transport === 'ws' ? sim.wsUrl() : `127.0.0.1:${sim.tcpPorts[0] ?? 0}`;
        const config = loadCollectorConfig({
          COLLECTOR_ID: `oversize-${transport}`,
          ROOMS: `${BAD_ROOM},${GOOD_ROOM}`,
          DOUYU_TRANSPORT: transport,
          DOUYU_ENDPOINTS: endpoint,
          LOG_LEVEL: 'info',
        });
        collector = await startCollector(config, {
          sink,
          http: false,
          logger: createLogger({ pretty: false, write: (line) => void lines.push(line) }),
          backoff: { baseMs: 5_000, capMs: 5_000 },
        });
      });
      afterAll(async () => collector?.close());

      it('resets only that room, logs why, counts it; the other room keeps streaming', async () => {
        const closed = await waitForValue(
          () => sink.sessions.find((e) => e.room === BAD_ROOM && e.event === 'closed'),
          { timeoutMs: 30_000, what: 'the bad room closed' },
        );
        expect(closed.reason).toBe('protocol-error:FRAME_TOO_LARGE');
        const opened = sink.sessions.find(
          (e) => e.session === closed.session && e.event === 'connected',
        );
        expect(closed.at - (opened?.at ?? 0)).toBeLessThan(SERVER_GRACE_MS);
        // The server saw its socket go (reset by the collector), not its own grace-period close.
        const served = await waitForValue(
          () =>
            sim
              .groundTruth({ cids: false })
              .sessions.find(
                (s) =>
                  s.loginRoomId === BAD_ROOM && s.transport === transport && s.closedAtMs !== null,
              ),
          { what: 'server side of the bad session closed' },
        );
        expect((served.closedAtMs ?? 0) - served.connectedAtMs).toBeLessThan(SERVER_GRACE_MS);

        const line = lines.find(
          (l) => l.includes(String(BAD_ROOM)) && l.includes('FRAME_TOO_LARGE'),
        );
        expect(
          line,
          `a log line naming room ${BAD_ROOM} and FRAME_TOO_LARGE, got:\n${lines.join('')}`,
        ).toBeDefined();

        const scrape = await collector.metrics.registry.metrics();
        expect(
          metricValue(scrape, 'danmaku_collector_protocol_errors_total', 'FRAME_TOO_LARGE'),
        ).toBeGreaterThan(0);

        const goodBefore = sink.records.filter((r) => r.room === GOOD_ROOM).length;
        await waitFor(
          () => sink.records.filter((r) => r.room === GOOD_ROOM).length > goodBefore + 10,
          {
            what: 'the good room still streaming',
          },
        );
        expect(sink.sessions.filter((e) => e.room === GOOD_ROOM && e.event === 'closed')).toEqual(
          [],
        );
        // Nothing of the oversize body reached the sink.
        expect(sink.records.every((r) => r.body.length < 1_048_576)).toBe(true);
      });
    });
  }
});
