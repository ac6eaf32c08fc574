// The collector against the simulator with fault modes on, through a real Kafka broker: every
// body the simulator sent to a joined session is in the raw topic exactly once for that session.
import { loadCollectorConfig, startCollector, type Collector } from '@danmaku/collector';
import type { SessionEvent } from '@danmaku/records';
import { peekType } from '@danmaku/protocol';
import {
  MALFORMED_KINDS,
  startSimulator,
  type FaultConfig,
  type GroundTruth,
  type SessionTruth,
  type Simulator,
} from '@danmaku/simulator';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  bySession,
  chatCid,
  metricValue,
  readTopic,
  type ConsumedRecord,
} from './collector-support.js';
import {
  createTopic,
  describeWithServices,
  services,
  uniqueName,
  waitFor,
} from './support/index.js';

const ROOMS = Array.from({ length: 200 }, (_, i) => 10_001 + i);
const HEARTBEAT_WINDOW_MS = 4_000;

/** A different fault mix on every connection, reconnects included. */
function faultsFor(connectionId: number): FaultConfig | undefined {
  const kind = MALFORMED_KINDS[connectionId % MALFORMED_KINDS.length] ?? 'bad-length';
  // Every connection ends (server or client side) within seconds, so rooms keep reconnecting.
  switch (connectionId % 10) {
    case 1:
      return { split: { maxPieceBytes: 7 }, closeAfterMessages: 20 };
    case 2:
      return { coalesce: { maxFrames: 2 }, closeAfterMessages: 30 };
    case 3:
      return { closeAfterMessages: 15, split: { maxPieceBytes: 16 } };
    case 4:
      return { malformed: { kind, afterMessages: 10 } };
    case 5:
      return { error: { code: 51, afterMessages: 8 } };
    case 6:
      return { noHeartbeatEcho: true, closeAfterMs: 5_000 };
    case 7:
      return { closeAfterMs: 2_500, coalesce: { maxFrames: 4 } };
    case 8:
      return { loginDelayMs: 300, split: { maxPieceBytes: 16 }, closeAfterMs: 3_000 };
    case 9:
      return { silenceAfterMessages: 10 };
    default:
      return { closeAfterMs: 4_000 };
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeWithServices(
  ['kafka'],
  'collector: exactness and heartbeat metrics (200 rooms, faults)',
  () => {
    let sim: Simulator;
    let collector: Collector;
    let truth: GroundTruth;
    let raw: ConsumedRecord[] = [];
    let sessionEvents: SessionEvent[] = [];
    const scrapes: string[] = [];

    beforeAll(async () => {
      const { kafkaBrokers } = services();
      const rawTopic = uniqueName('raw');
      const sessionsTopic = uniqueName('sessions');
      await createTopic(kafkaBrokers, rawTopic, 4);
      await createTopic(kafkaBrokers, sessionsTopic, 1);
      sim = await startSimulator({
        seed: 6,
        listen: { ws: [0, 0, { port: 0, refuse: true }], tcp: [] },
        traffic: {
          messagesPerSecond: 3,
          burstEveryMs: 4_000,
          burstDurationMs: 1_000,
          burstMultiplier: 3,
        },
        pingIntervalMs: 2_000,
        faultsFor: (c) => faultsFor(c.connectionId),
      });
      const config = loadCollectorConfig({
        COLLECTOR_ID: 'exactness',
        ROOMS: ROOMS.join(','),
        DOUYU_ENDPOINTS: sim.wsPorts.map((p) => sim.wsUrl(p)).join(','),
        KAFKA_BROKERS: kafkaBrokers.join(','),
        KAFKA_RAW_TOPIC: rawTopic,
        KAFKA_SESSIONS_TOPIC: sessionsTopic,
        HEARTBEAT_INTERVAL_MS: '1000',
        DEAD_AFTER_MS: '3000',
        LOGIN_TIMEOUT_MS: '5000',
        CONNECT_RATE_PER_SEC: '100',
        RECONNECT_BUDGET_PER_MIN: '6000',
        HTTP_PORT: '0',
        HTTP_HOST: '127.0.0.1',
        LOG_LEVEL: 'error',
      });
      collector = await startCollector(config, { backoff: { baseMs: 100, capMs: 1_000 } });
      const scrape = async () => (await fetch(`${collector.http?.url ?? ''}/metrics`)).text();
      // Condition-based, not timed: the CI box is shared and its speed varies a lot.
      await waitFor(() => roomsServed(sim) === ROOMS.length, {
        timeoutMs: 60_000,
        what: 'every room logged in',
      });
      scrapes.push(await scrape());
      await sleep(HEARTBEAT_WINDOW_MS);
      scrapes.push(await scrape());
      await waitFor(() => sim.groundTruth({ cids: false }).sessions.length >= 3 * ROOMS.length, {
        timeoutMs: 60_000,
        what: 'reconnect churn: 3 sessions per room',
      });
      // Close every server session at once, flushed: from here on the truth of those is final.
      sim.dropAll();
      truth = sim.groundTruth();
      await sleep(1_500);
      await collector.close();
      const sent = metricValue(
        await collector.metrics.registry.metrics(),
        'danmaku_collector_records_sent_total',
      );
      const rawReader = await readTopic(kafkaBrokers, rawTopic);
      const sessionReader = await readTopic(kafkaBrokers, sessionsTopic);
      await rawReader.waitForCount(sent);
      await sessionReader.waitForCount(1);
      await sleep(1_000); // anything beyond `sent` would be a duplicate: give it time to show up
      raw = rawReader.records;
      sessionEvents = sessionReader.records.map(
        (r) => JSON.parse(r.value.toString()) as SessionEvent,
      );
      await Promise.all([rawReader.close(), sessionReader.close()]);
    }, 180_000);

    afterAll(async () => {
      await collector?.close();
      await sim?.close();
    });

    it('writes every body of every joined session exactly once, in order, for that session', async () => {
      const scrape = await collector.metrics.registry.metrics();
      expect(raw.length).toBe(metricValue(scrape, 'danmaku_collector_records_sent_total'));
      expect(metricValue(scrape, 'danmaku_collector_records_dropped_total')).toBe(0);
      const sessions = bySession(raw);
      // Exactly once within a session: seq is 1..n with no gap and no repeat.
      for (const [id, records] of sessions) {
        expect(
          records.map((r) => Number(r.headers['seq'])),
          id,
        ).toEqual(records.map((_, i) => i + 1));
      }
      // A room has one connection at a time, so the k-th server session of a room that received
      // a loginreq is the k-th collector session of that room whose socket opened.
      const opened = new Map<number, string[]>();
      const closedBy = new Map<string, string>();
      for (const e of sessionEvents) {
        if (e.event === 'connected') push(opened, e.room, e.session);
        if (e.event === 'closed') closedBy.set(e.session, e.reason ?? '');
      }
      const served = new Map<number, SessionTruth[]>();
      for (const s of truth.sessions)
        if (s.loginRoomId !== null && s.loginRoomId !== undefined) push(served, s.loginRoomId, s);
      let compared = 0;
      let cut = 0;
      for (const [room, serverSessions] of served) {
        serverSessions.sort((a, b) => a.sessionId - b.sessionId);
        serverSessions.forEach((s, k) => {
          const session = opened.get(room)?.[k] ?? '';
          const records = sessions.get(session) ?? [];
          const cids = records.flatMap((r) => chatCid(r.value) ?? []);
          const types = countTypes(records);
          const what = `room ${room} server session ${s.sessionId} (${s.closeReason ?? 'open'})`;
          // Strict when the server stopped sending before the collector hung up: it ended the
          // session (and flushed), fell silent, or sent a corrupt frame and nothing after it.
          const reason = closedBy.get(session) ?? '';
          const serverEnded =
            s.faults.error === undefined &&
            (/^(dead-socket|protocol-error)/.test(reason) ||
              (reason === 'remote-closed' && SERVER_CLOSED.has(s.closeReason ?? '')));
          if (serverEnded) {
            expect(cids, what).toEqual(s.cids);
            expect(types, what).toEqual(s.countsByType);
          } else {
            // The collector hung up first (on type@=error, or a login timeout): what the server
            // sent after that moment never arrived, and everything before it did.
            cut += 1;
            expect(cids, what).toEqual(s.cids.slice(0, cids.length));
            for (const [type, n] of Object.entries(types))
              expect(n, `${what} ${type}`).toBeLessThanOrEqual(s.countsByType[type] ?? 0);
          }
          compared += 1;
        });
      }
      expect([...served.keys()].sort()).toEqual(ROOMS);
      expect(compared).toBeGreaterThan(2 * ROOMS.length);
      const reasons = new Set(truth.sessions.map((s) => s.closeReason));
      for (const reason of SERVER_CLOSED) expect(reasons).toContain(reason);
      expect(cut).toBeLessThan(compared / 3);
    });

    it('shapes raw records as the writer expects', () => {
      const started = Date.now() - 5 * 60_000;
      for (const r of raw.slice(0, 2_000)) {
        expect(ROOMS).toContain(Number(r.key));
        expect(r.headers['type']).toBe(peekType(r.value) ?? '');
        expect(r.headers['collector']).toBe('exactness');
        expect(Number(r.timestamp)).toBeGreaterThan(started);
        if (r.headers['type'] === 'loginres') expect(r.value.toString()).not.toContain('/ip@=');
      }
    });

    it('reports each session lifecycle on the sessions topic with its record count', () => {
      const sessions = bySession(raw);
      const closed = new Map(
        sessionEvents.filter((e) => e.event === 'closed').map((e) => [e.session, e]),
      );
      for (const [id, records] of sessions) {
        const event = closed.get(id);
        expect(event, `no closed event for session ${id}`).toBeDefined();
        expect(event?.messages).toBe(records.length);
        expect(event?.room).toBe(Number(records[0]?.key));
        expect(event?.transport).toBe('ws');
      }
      const first = sessionEvents.find((e) => e.event === 'logged_in');
      const order = sessionEvents.filter((e) => e.session === first?.session).map((e) => e.event);
      expect(order).toEqual(['connecting', 'connected', 'logged_in', 'closed']);
    });

    it('moves the heartbeat RTT and lateness metrics (1 s heartbeat)', () => {
      const [early, late] = scrapes as [string, string];
      for (const name of [
        'danmaku_collector_heartbeat_rtt_seconds',
        'danmaku_collector_heartbeat_lateness_seconds',
      ]) {
        const before = metricValue(early, `${name}_count`);
        const after = metricValue(late, `${name}_count`);
        expect(before).toBeGreaterThan(0);
        // 200 rooms × one beat a second over 4 s, minus rooms in reconnect: well over 200.
        expect(after - before).toBeGreaterThan(200);
      }
      expect(metricValue(late, 'danmaku_collector_heartbeat_rtt_seconds_sum')).toBeGreaterThan(0);
      expect(metricValue(late, 'danmaku_collector_reconnects_total')).toBeGreaterThan(0);
      expect(metricValue(late, 'danmaku_collector_protocol_errors_total')).toBeGreaterThan(0);
    });
  },
);

function roomsServed(sim: Simulator): number {
  const rooms = new Set<number>();
  for (const s of sim.groundTruth({ cids: false }).sessions)
    if (s.countsByType['loginres']) rooms.add(s.loginRoomId ?? 0);
  return rooms.size;
}

/** Server-side ends: the server flushed everything it sent, so the collector got all of it. */
const SERVER_CLOSED = new Set(['close-after-messages', 'close-after-ms', 'malformed', 'dropped']);

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function countTypes(records: readonly ConsumedRecord[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of records) {
    const type = r.headers['type'] ?? '';
    counts[type] = (counts[type] ?? 0) + 1;
  }
  return counts;
}
