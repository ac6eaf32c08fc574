// Chaos: two collector processes share BullMQ queue `rooms`; `kill -9` the one holding the rooms
// (CI once, full three times). The other takes them over once the dead one's job locks expire.
// PostgreSQL is compared with the simulator's ground truth: only what the dead process held may
// be lost (the tail of each killed session), nothing is duplicated, and the gap shows in
// collect_sessions and in the coverage_gaps view.
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
import { compareWithTruth, describeComparison, readStored } from './support/truth-compare.js';

const KILLS = sized('CHAOS_COLLECTOR_KILLS', 1, 3);
const ROOMS = sized('CHAOS_COLLECTOR_ROOMS', 20, 50);
// The collector defaults: the takeover measured here is the production one.
const LOCK_MS = 5_000;
const STALLED_MS = 2_000;
const TAKEOVER_BOUND_MS = LOCK_MS + STALLED_MS + 10_000;

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
        traffic: { messagesPerSecond: 20, burstMultiplier: 2 },
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

      closeSimulatorSessions(simulator);
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
      console.log(
        `collector-kill: ${describeComparison(comparison)}; kills ${JSON.stringify(kills)}; ` +
          `coverage_gaps rows ${coverage.gaps.length}; killed sessions ${loss.killed.length}`,
      );
      reportScenario('collector-kill', comparison, {
        seed,
        kills,
        killedSessions: loss.killed.length,
        lostOutsideKilledSessions: loss.outside,
        coverageGapRows: coverage.gaps.length,
        kafkaRawRecords: ends.raw,
        collectorDropped: dropped,
      });

      for (const k of kills) expect(k.takeoverLastMs).toBeLessThan(TAKEOVER_BOUND_MS);
      expect(comparison.duplicated).toBe(0);
      expect(comparison.phantom).toBe(0);
      // Whatever was lost died with a killed process: the end of a killed session, nothing else.
      expect(loss.outside).toBe(0);
      expect(loss.holes).toEqual([]);
      const killedRooms = new Set(loss.killed.map((s) => s.loginRoomId));
      expect([...comparison.lostByRoom.keys()].filter((room) => !killedRooms.has(room))).toEqual(
        [],
      );
      expect(stored.rows + stored.ingestErrors).toBe(ends.raw);
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
