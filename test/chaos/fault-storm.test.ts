// Chaos: every fault at once on 1,000 rooms held by one collector process: fragmentation,
// coalescing, ~1 % malformed frames (each connection breaks after 20–180 messages), heartbeat
// silence (no mrkl echo; some connections fall silent altogether), and every connection dropped
// at the same moment (CI once, full twice). No crash, connects within the configured rate, and
// every frame accounted for: rows + ingest_errors = well-formed frames sent, protocol errors
// counted = malformed frames sent. Against everything the rooms said: what they said while a room
// had no logged-in session (reconnects, the drops) is missed and lies in a coverage_gaps row;
// what a fault withheld from a joined session (silence, the quiet after a malformed frame) is
// reported as withheld, the fault's own cost, neither missed nor lost.
import { startSimulator, type Simulator } from '@danmaku/simulator';
import { migrate } from '@danmaku/writer';
import { afterAll, expect, it } from 'vitest';
import {
  describeWithServices,
  freshDatabase,
  services,
  uniqueName,
  waitFor,
} from '../support/index.js';
import { collectorCloseReasons, collectorHttp, waitNoneJoined } from './support/collector-http.js';
import {
  closeSimulatorSessions,
  collectorEnv,
  createTopics,
  loggedInSessions,
  sleep,
  waitCaughtUp,
  writerEnv,
} from './support/pipeline.js';
import { killAllServices, spawnService, stopGracefully, tail } from './support/processes.js';
import { profileName, sized } from './support/profile.js';
import { reportScenario } from './support/report.js';
import { SeededRandom, runSeed } from './support/seeded-random.js';
import { connectRates, countBy, stormFaults, watchLoad } from './support/storm.js';
import { compareSaid, describeSaid, expectSaidExact, readGaps } from './support/said-compare.js';
import {
  compareWithTruth,
  describeComparison,
  readStored,
  expectRecordsAccounted,
} from './support/truth-compare.js';

const ROOMS = sized('CHAOS_STORM_ROOMS', 1_000, 1_000);
const RUN_MS = sized('CHAOS_STORM_RUN_MS', 60_000, 180_000);
const DROPS = sized('CHAOS_STORM_DROPS', 1, 2);
const CONNECT_RATE = 200;
const RECONNECT_BUDGET_PER_MIN = 6_000;
const BURST = Math.ceil(CONNECT_RATE / 20); // the collector's connect gate
// When ~1,000 sockets close in one moment the collector handles their closes over a few seconds
// (two CI runs: a room's missed run began 1.9 s and 2.4 s before its recorded closed_at), and
// until then its record has the session logged in. The gaps are widened by this much here, not
// the default 1 s; what lies outside the 1 s gaps is reported as missedOutsideStrictGaps.
const DROP_GAP_TOLERANCE_MS = 5_000;
const CODES = [
  'FRAME_TOO_SHORT',
  'FRAME_TOO_LARGE',
  'LENGTH_MISMATCH',
  'UNKNOWN_FRAME_TYPE',
  'MISSING_TERMINATOR',
];

describeWithServices(
  ['postgres', 'kafka'],
  `chaos: fault storm on ${ROOMS} rooms (${profileName})`,
  () => {
    let sim: Simulator | undefined;
    afterAll(async () => {
      await killAllServices();
      await sim?.close();
    });

    it('does not crash, keeps to the connect rate and accounts for every frame', async () => {
      const { kafkaBrokers } = services();
      const seed = runSeed();
      const url = await freshDatabase('chaosfs');
      await migrate(url);
      const topics = await createTopics(kafkaBrokers, 4);
      const group = uniqueName('chaos_fs');
      const rooms = Array.from({ length: ROOMS }, (_, i) => 80_001 + i);
      const simulator = await startSimulator({
        seed,
        rooms,
        listen: { ws: [0, 0], tcp: [] },
        traffic: { messagesPerSecond: 1, burstMultiplier: 3 },
        pingIntervalMs: 10_000,
        faultsFor: ({ connectionId }) =>
          stormFaults(new SeededRandom((seed ^ Math.imul(connectionId, 0x9e3779b1)) >>> 0)),
      });
      sim = simulator;
      const writer = spawnService('writer', 'writer', writerEnv(url, kafkaBrokers, topics, group));
      const collector = spawnService(
        'collector',
        'collector',
        collectorEnv(simulator, kafkaBrokers, topics, {
          COLLECTOR_ID: 'chaos-storm',
          ROOMS: rooms.join(','),
          LOG_LEVEL: 'info',
          CONNECT_RATE_PER_SEC: String(CONNECT_RATE),
          RECONNECT_BUDGET_PER_MIN: String(RECONNECT_BUDGET_PER_MIN),
          HEARTBEAT_INTERVAL_MS: '5000',
          DEAD_AFTER_MS: '12000',
        }),
      );
      const http = await collectorHttp(collector);

      const load = watchLoad();
      // "Every room dropped at once" needs every room connected first: waited for, not assumed.
      const allIn = (what: string) =>
        waitFor(() => loggedInSessions(simulator) >= ROOMS * 0.95, {
          timeoutMs: 90_000,
          intervalMs: 500,
          what: `${what}: 95 % of ${ROOMS} rooms logged in\n${tail(collector, 10)}`,
        });
      await allIn('before the storm');
      const dropped: Array<{ atMs: number; connections: number }> = [];
      const runStarted = Date.now();
      for (let d = 1; d <= DROPS; d++) {
        await sleep(Math.max(0, runStarted + (RUN_MS * d) / (DROPS + 1) - Date.now()));
        await allIn(`before drop ${d}`);
        dropped.push({ atMs: Date.now() - runStarted, connections: simulator.dropAll() });
      }
      await sleep(Math.max(0, runStarted + RUN_MS - Date.now()));
      const simulatorLoad = load();
      expect(collector.isRunning(), tail(collector)).toBe(true);

      const roomsAtClose = closeSimulatorSessions(simulator);
      await waitNoneJoined(http, () =>
        JSON.stringify(
          simulator.groundTruth({ cids: false }).sessions.filter((s) => s.closedAtMs === null),
        ),
      );
      const metric = async (name: string, labels?: string) =>
        http.metric(`danmaku_collector_${name}`, labels);
      const collectorSide = {
        protocolErrors: await metric('protocol_errors_total'),
        protocolErrorsByCode: Object.fromEntries(
          await Promise.all(
            CODES.map(async (c) => [c, await metric('protocol_errors_total', `"${c}"`)]),
          ),
        ) as Record<string, number>,
        reconnects: await metric('reconnects_total'),
        connectWaitSeconds: Math.round(await metric('connect_wait_seconds_sum')),
        dropped: await metric('records_dropped_total'),
        closeReasons: collectorCloseReasons(collector.lines),
      };
      expect(collector.isRunning(), tail(collector)).toBe(true);
      expect(await stopGracefully(collector), tail(collector)).toBe(0);
      const ends = await waitCaughtUp(url, kafkaBrokers, topics, group, 600_000);
      expect(await stopGracefully(writer), tail(writer)).toBe(0);

      const truth = simulator.groundTruth();
      const stored = await readStored(url);
      const comparison = compareWithTruth(truth, stored);
      const gaps = await readGaps(url);
      const said = compareSaid(roomsAtClose, truth, comparison, gaps, 0, DROP_GAP_TOLERANCE_MS);
      const rates = connectRates(truth);
      const serverCloses = countBy(truth.sessions, (s) => s.closeReason ?? 'open');
      console.log(
        `fault-storm: ${describeComparison(comparison)}; ${describeSaid(said)}; sessions ${truth.sessions.length}; ` +
          `drops ${JSON.stringify(dropped)}; peaks ${JSON.stringify(rates.peaks)}; ` +
          `simulator ${JSON.stringify(simulatorLoad)}; collector ${JSON.stringify(collectorSide)}`,
      );
      // At the default 1 s, reported beside the asserted figure.
      const missedOutsideStrictGaps = compareSaid(
        roomsAtClose,
        truth,
        comparison,
        gaps,
      ).missedOutsideGaps;
      reportScenario(
        'fault-storm',
        comparison,
        {
          seed,
          rooms: ROOMS,
          runMs: RUN_MS,
          drops: dropped,
          sessions: truth.sessions.length,
          ...collectorSide,
          peaks: rates.peaks,
          connectsPerSecond: rates.perSecond,
          simulatorLoad,
          configured: {
            connectRatePerSec: CONNECT_RATE,
            burst: BURST,
            reconnectBudgetPerMin: RECONNECT_BUDGET_PER_MIN,
          },
          serverCloses,
          kafkaRawRecords: ends.raw,
          truthDroppedFrames: truth.totals.droppedFrames,
          missedOutsideStrictGaps,
        },
        said,
      );

      expect(
        dropped.every((d) => d.connections > ROOMS * 0.8),
        JSON.stringify(dropped),
      ).toBe(true);
      // The connect gate: at most burst + rate·W in any window W. Counted where the simulator
      // accepted the sockets: when its event loop ran late by L ms, connects made over W + L
      // are accepted within W, so the bound allows for the worst delay measured.
      const lateSec = simulatorLoad.maxLoopDelayMs / 1000;
      expect(rates.peaks.connectsPer5s).toBeLessThanOrEqual(CONNECT_RATE * (5 + lateSec) + BURST);
      expect(rates.peaks.reconnectsPer60s).toBeLessThanOrEqual(
        (RECONNECT_BUDGET_PER_MIN / 60) * (60 + lateSec) + BURST,
      );
      expect(rates.total).toBeLessThanOrEqual((CONNECT_RATE * rates.spanMs) / 1000 + BURST);
      // Every frame accounted for.
      expect(comparison.malformedSent).toBeGreaterThan(0);
      expect(collectorSide.protocolErrors).toBe(comparison.malformedSent);
      expectRecordsAccounted(comparison.sent, stored, comparison);
      expect(
        comparison.lost,
        `lost by room ${JSON.stringify([...comparison.lostByRoom].slice(0, 20))}`,
      ).toBe(0);
      expect(comparison.duplicated).toBe(0);
      expect(comparison.phantom).toBe(0);
      expectSaidExact(said);
      expect(said.missed).toBeGreaterThan(0);
      expect(collectorSide.dropped).toBe(0);
      expect(truth.totals.droppedFrames).toBe(0);
    });
  },
);
