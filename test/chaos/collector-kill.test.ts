// Chaos: two collector processes share BullMQ queue `rooms`; `kill -9` the one holding the rooms
// (CI once, full three times). The other takes them over once the dead one's job locks expire.
// PostgreSQL is compared with everything the rooms said: what they said from the last row the dead
// process stored until the takeover session joined is missed (the tail the dead process held, then
// what was said to nobody), and must lie in the room's coverage_gaps row for the takeover; nothing
// sent to a logged-in session is lost, nothing is duplicated. Missed is bounded by the measured
// takeover time (MISSED_SLACK below).
import { RoomQueue } from '@danmaku/collector/room-queue';
import { startSimulator, type Simulator } from '@danmaku/simulator';
import { migrate } from '@danmaku/writer';
import { Redis } from 'ioredis';
import { afterAll, expect, it } from 'vitest';
import { waitForValue } from '../collector-support.js';
import {
  describeWithServices,
  freshDatabase,
  services,
  uniqueName,
  waitFor,
} from '../support/index.js';
import { collectorHttp, waitNoneJoined } from './support/collector-http.js';
import {
  closeSimulatorSessions,
  collectorEnv,
  createTopics,
  sleep,
  waitCaughtUp,
  writerEnv,
} from './support/pipeline.js';
import {
  killAllServices,
  killHard,
  spawnService,
  stopGracefully,
  tail,
} from './support/processes.js';
import { profileName, sized } from './support/profile.js';
import { reportScenario } from './support/report.js';
import { runSeed } from './support/seeded-random.js';
import { gapAround, killedSessionLoss, openSessions, readCoverage } from './support/takeover.js';
import {
  compareSaid,
  describeSaid,
  expectSaidExact,
  GAP_TOLERANCE_MS,
  readGaps,
} from './support/said-compare.js';
import {
  compareWithTruth,
  describeComparison,
  readStored,
  expectRecordsAccounted,
} from './support/truth-compare.js';

const KILLS = sized('CHAOS_COLLECTOR_KILLS', 1, 3);
const ROOMS = sized('CHAOS_COLLECTOR_ROOMS', 20, 200);
// The collector defaults: the takeover measured here is the production one.
const LOCK_MS = 5_000;
const STALLED_MS = 2_000;
// The bound on takeover after kill -9 (p99 over every room of every kill): the lock
// expiring (5 s) + the next stalled check (≤ 2 s) + connect and login.
const TAKEOVER_BOUND_MS = 10_000;
const TRAFFIC = {
  messagesPerSecond: 20,
  burstEveryMs: 30_000,
  burstDurationMs: 3_000,
  burstMultiplier: 2,
};
/** Mean rate of a room, bursts included (a burst is burstDurationMs at ×burstMultiplier). */
const ROOM_RATE_PER_S =
  TRAFFIC.messagesPerSecond *
  (1 +
    ((TRAFFIC.burstMultiplier - 1) * TRAFFIC.burstDurationMs) /
      (TRAFFIC.burstEveryMs + TRAFFIC.burstDurationMs));
// missed <= sum over kills of (kill → last room's takeover session) x rate x rooms x (1 + slack).
// The slack covers what is said before the kill but after the dead process's last stored row (its
// unflushed buffer, well under a second of the 10-25 s takeover), rooms whose bursts fall inside
// the window (a room's burst adds ~3 s x 20 msgs/s), and Poisson spread (~1 % at these counts).
const MISSED_SLACK = 0.5;

describeWithServices(
  ['postgres', 'kafka', 'redis'],
  `chaos: collector kill -9 and takeover (${profileName})`,
  () => {
    let sim: Simulator | undefined;
    let redis: Redis | undefined;
    let admin: RoomQueue | undefined;
    afterAll(async () => {
      await killAllServices();
      await admin?.queue.obliterate({ force: true });
      await admin?.close();
      await redis?.quit();
      await sim?.close();
    });

    it(`hands the rooms over after ${KILLS} kill(s); the gap is recorded`, async () => {
      const { kafkaBrokers, redisUrl } = services();
      const seed = runSeed();
      const url = await freshDatabase('chaosck');
      await migrate(url);
      const topics = await createTopics(kafkaBrokers, 4);
      const group = uniqueName('chaos_ck');
      const rooms = Array.from({ length: ROOMS }, (_, i) => 74_001 + i);
      const simulator = await startSimulator({
        seed,
        rooms,
        traffic: TRAFFIC,
      });
      sim = simulator;
      redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
      const queue = new RoomQueue({ connection: redis, queueName: uniqueName('chaos_rooms') });
      admin = queue;
      const env = collectorEnv(simulator, kafkaBrokers, topics, {
        REDIS_URL: redisUrl,
        ROOMS_QUEUE: queue.queue.name,
        LOG_LEVEL: 'info',
        CONNECT_RATE_PER_SEC: '100',
        JOB_LOCK_DURATION_MS: String(LOCK_MS),
        JOB_STALLED_INTERVAL_MS: String(STALLED_MS),
        SHUTDOWN_TIMEOUT_MS: '8000',
      });
      const writer = spawnService('writer', 'writer', writerEnv(url, kafkaBrokers, topics, group));
      const holders = async (): Promise<string[]> => [
        ...new Set(
          (await queue.listRooms())
            .filter((r) => r.state === 'active')
            .map((r) => r.collector ?? ''),
        ),
      ];
      const startCollector = async (generation: number) => {
        const proc = spawnService('collector', `collector-${generation}`, {
          ...env,
          COLLECTOR_ID: `chaos-ck-${generation}`,
        });
        return { proc, http: await collectorHttp(proc) };
      };

      let holder = await startCollector(0);
      for (const room of rooms) await queue.addRoom(room);
      await waitFor(
        async () => (await holders()).length === 1 && openSessions(simulator).size === ROOMS,
        {
          timeoutMs: 60_000,
          what: 'one collector holds every room',
        },
      );
      const kills: Array<{
        victim: string;
        killedAt: number;
        takeoverFirstMs: number;
        takeoverLastMs: number;
      }> = [];
      const takeovers: number[] = [];
      for (let k = 1; k <= KILLS; k++) {
        const standby = await startCollector(k);
        await sleep(5_000);
        expect(await holders()).toEqual([`chaos-ck-${k - 1}`]);
        const killedAt = Date.now();
        await killHard(holder.proc);
        const resumed = await waitForValue(
          () => {
            const open = openSessions(simulator);
            const times = rooms.map((room) => (open.get(room)?.connectedAtMs ?? 0) - killedAt);
            return open.size === ROOMS && times.every((t) => t > 0)
              ? times.sort((a, b) => a - b)
              : undefined;
          },
          {
            timeoutMs: TAKEOVER_BOUND_MS + 30_000,
            intervalMs: 100,
            what: `takeover after kill ${k}`,
          },
        );
        takeovers.push(...resumed);
        kills.push({
          victim: holder.proc.name,
          killedAt,
          takeoverFirstMs: resumed[0] ?? 0,
          takeoverLastMs: resumed.at(-1) ?? 0,
        });
        holder = standby;
        await waitFor(async () => (await holders()).join() === `chaos-ck-${k}`, {
          what: 'standby holds every room',
        });
        await sleep(5_000);
      }

      const roomsAtClose = closeSimulatorSessions(simulator);
      await waitNoneJoined(holder.http, () => tail(holder.proc, 10));
      const dropped = await holder.http.metric('danmaku_collector_records_dropped_total');
      expect(await stopGracefully(holder.proc), tail(holder.proc)).toBe(0);
      const ends = await waitCaughtUp(url, kafkaBrokers, topics, group, 300_000);
      expect(await stopGracefully(writer), tail(writer)).toBe(0);

      const truth = simulator.groundTruth();
      const stored = await readStored(url);
      const comparison = compareWithTruth(truth, stored);
      const loss = killedSessionLoss(
        truth,
        comparison,
        kills.map((k) => k.killedAt),
      );
      const coverage = await readCoverage(url);
      // The lost tail of each killed session is missed: the coverage record ends that session at
      // its last stored row (checked below to be a tail that ends before the takeover's gap does).
      const killedRooms = new Set(loss.killed.map((s) => s.loginRoomId));
      const killedTail = [...comparison.lostByRoom].filter(([room]) => killedRooms.has(room));
      const sentButGone = killedTail.reduce((n, [, lost]) => n + lost, 0);
      const gaps = await readGaps(url);
      const said = compareSaid(roomsAtClose, truth, comparison, gaps, sentButGone);
      const sortedTakeovers = [...takeovers].sort((a, b) => a - b);
      const takeoverP99 =
        sortedTakeovers[
          Math.min(sortedTakeovers.length - 1, Math.ceil(0.99 * sortedTakeovers.length) - 1)
        ] ?? 0;
      const missedBound =
        (kills.reduce((ms, k) => ms + k.takeoverLastMs, 0) / 1000) *
        ROOM_RATE_PER_S *
        ROOMS *
        (1 + MISSED_SLACK);
      console.log(
        `collector-kill: ${describeComparison(comparison)}; ${describeSaid(said)}; missed bound ` +
          `${Math.round(missedBound)}; kills ${JSON.stringify(kills)}; ` +
          `coverage_gaps rows ${coverage.gaps.length}; killed sessions ${loss.killed.length}`,
      );
      reportScenario(
        'collector-kill',
        comparison,
        {
          seed,
          kills,
          missedBound: Math.round(missedBound),
          takeoverP99Ms: takeoverP99,
          takeoverBoundMs: TAKEOVER_BOUND_MS,
          missedTailOfKilledSessions: sentButGone,
          killedSessions: loss.killed.length,
          lostOutsideKilledSessions: loss.outside,
          coverageGapRows: coverage.gaps.length,
          kafkaRawRecords: ends.raw,
          collectorDropped: dropped,
        },
        said,
      );

      expect(said.missed).toBeGreaterThan(0);
      expect(said.missed).toBeLessThanOrEqual(missedBound);
      expectSaidExact(said);
      for (const s of loss.killed) {
        // The killed session's tail was sent before the simulator saw it close, which must be
        // inside the takeover gap (the gap starts at its last stored row, before the tail).
        const gap = gaps.find(
          (g) =>
            g.room_id === s.loginRoomId &&
            g.gap_end !== null &&
            g.gap_start.getTime() <= (s.closedAtMs ?? 0) &&
            (s.closedAtMs ?? 0) <= g.gap_end.getTime() + GAP_TOLERANCE_MS,
        );
        expect(gap, `room ${s.loginRoomId}: killed session's end inside a gap`).toBeDefined();
      }
      expect(takeovers).toHaveLength(KILLS * ROOMS);
      expect(takeoverP99).toBeLessThanOrEqual(TAKEOVER_BOUND_MS);
      expect(comparison.duplicated).toBe(0);
      expect(comparison.phantom).toBe(0);
      // Whatever was lost died with a killed process: the end of a killed session, nothing else.
      expect(loss.outside).toBe(0);
      expect(loss.holes).toEqual([]);
      expect([...comparison.lostByRoom.keys()].filter((room) => !killedRooms.has(room))).toEqual(
        [],
      );
      expectRecordsAccounted(ends.raw, stored, comparison);
      for (const k of kills) {
        for (const room of rooms) {
          // collect_sessions: a session before the kill, the room's next one after it; and the
          // coverage view shows the takeover as a gap for this room.
          const { before, after, gap } = gapAround(coverage, room, k.killedAt);
          expect(before, `room ${room}: session before kill`).toBeDefined();
          expect(after, `room ${room}: session after kill`).toBeDefined();
          expect(gap, `room ${room}: coverage_gaps row ending at the takeover`).toBeDefined();
          expect(gap?.gap_start.getTime() ?? 0).toBeLessThanOrEqual(k.killedAt + 1_000);
        }
      }
    });
  },
);
