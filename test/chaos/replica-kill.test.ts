// Chaos: redundant capture under a kill. Three collector processes share BullMQ queue `rooms`
// with ROOM_REPLICAS=2 (every room held by two distinct collectors), under load with split and
// coalesced frames. `kill -9` one collector holding replicas (CI twice, full three times) and
// start a replacement; before the next kill every room is held by two distinct live collectors
// again. The survivor of each killed replica stays joined, so no room misses anything: missed = 0
// per room, nothing lost, nothing stored twice although Kafka carries most messages twice.
import { RoomQueue } from '@danmaku/collector/room-queue';
import { isSessionReply } from '@danmaku/protocol';
import { startSimulator, type Simulator } from '@danmaku/simulator';
import { migrate } from '@danmaku/writer';
import { Redis } from 'ioredis';
import { afterAll, expect, it } from 'vitest';
import { describeWithServices, freshDatabase, services, uniqueName } from '../support/index.js';
import { waitForValue } from '../collector-support.js';
import { collectorHttp, waitNoneJoined, type CollectorHttp } from './support/collector-http.js';
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
  type ServiceProcess,
} from './support/processes.js';
import { FULL, profileName, sized } from './support/profile.js';
import {
  everyRoomHeldBy,
  holdersByRoom,
  missedByRoom,
  openSessionsByRoom,
  shortfallByType,
  overlappingSessions,
  watchDoubles,
} from './support/replica-holders.js';
import { reportScenario } from './support/report.js';
import {
  compareSaid,
  describeSaid,
  expectSaidExact,
  GAP_TOLERANCE_MS,
  readGaps,
} from './support/said-compare.js';
import { SeededRandom, runSeed } from './support/seeded-random.js';
import { compareWithTruth, describeComparison, readStored } from './support/truth-compare.js';

const KILLS = sized('CHAOS_REPLICA_KILLS', 2, 3);
const ROOMS = sized('CHAOS_REPLICA_ROOMS', 40, 200);
// Full size: 200 rooms × 8 msgs/s, each message reaching Kafka twice (3,200 records/s), is what
// 2 shared cores carry beside 3 collectors, a writer and the simulator; at 20 msgs/s with 16-byte
// split frames the simulator buffered its way out of memory.
const PER_ROOM_PER_SEC = sized('CHAOS_REPLICA_RATE', 20, 8);
/** Traffic with both replicas in, before the first kill and after each re-replication. */
const STEADY_MS = sized('CHAOS_REPLICA_STEADY_MS', 8_000, 20_000);
// A replica bounces between collectors that already hold its room before it lands (measured up
// to ~20 s in test/collector.replicas.test.ts), after the dead one's lock (5 s) and stall check.
const REREPLICATE_BOUND_MS = sized('CHAOS_REPLICA_BOUND_MS', 60_000, 120_000);
type Collector = { id: string; proc: ServiceProcess; http: CollectorHttp };

describeWithServices(
  ['postgres', 'kafka', 'redis'],
  `chaos: replica kill -9 with ROOM_REPLICAS=2 (${profileName})`,
  () => {
    let sim: Simulator | undefined;
    let redis: Redis | undefined;
    let queue: RoomQueue | undefined;
    let stopSampler = (): void => undefined;
    afterAll(async () => {
      stopSampler();
      await killAllServices();
      await queue?.queue.obliterate({ force: true });
      await queue?.close();
      await redis?.quit();
      await sim?.close();
    });

    it(`no room misses anything through ${KILLS} kill(s) of a replica holder`, async () => {
      const { kafkaBrokers, redisUrl } = services();
      const seed = runSeed();
      console.log(`replica-kill: seed ${seed}`);
      const rng = new SeededRandom(seed);
      const url = await freshDatabase('chaosrk');
      await migrate(url);
      const topics = await createTopics(kafkaBrokers, 4);
      const group = uniqueName('chaos_rk');
      const rooms = Array.from({ length: ROOMS }, (_, i) => 78_001 + i);
      const simulator = await startSimulator({
        seed,
        rooms,
        traffic: { messagesPerSecond: PER_ROOM_PER_SEC, burstMultiplier: 2 },
        // Framing faults only: none of them closes or silences a session.
        faultsFor: ({ connectionId }) => {
          const r = new SeededRandom((seed ^ Math.imul(connectionId, 0x9e3779b1)) >>> 0);
          return {
            ...(r.chance(0.5)
              ? { split: { maxPieceBytes: r.pick(FULL ? [128, 1024] : [16, 128, 1024]) } }
              : {}),
            ...(r.chance(0.5) ? { coalesce: { maxFrames: r.int(2, 32) } } : {}),
          };
        },
      });
      sim = simulator;
      redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
      const rq = new RoomQueue({
        connection: redis,
        queueName: uniqueName('chaos_rooms'),
        replicas: 2,
      });
      queue = rq;
      const env = collectorEnv(simulator, kafkaBrokers, topics, {
        REDIS_URL: redisUrl,
        ROOMS_QUEUE: rq.queue.name,
        ROOM_REPLICAS: '2',
        LOG_LEVEL: 'info',
        CONNECT_RATE_PER_SEC: '100',
        SHUTDOWN_TIMEOUT_MS: '8000',
      });
      const writer = spawnService('writer', 'writer', writerEnv(url, kafkaBrokers, topics, group));
      let generation = 0;
      const start = async (): Promise<Collector> => {
        const id = `chaos-rk-${generation++}`;
        const proc = spawnService('collector', id, { ...env, COLLECTOR_ID: id });
        return { id, proc, http: await collectorHttp(proc) };
      };
      const live: Collector[] = [await start(), await start(), await start()];
      const sampler = watchDoubles(rq);
      stopSampler = sampler.stop;
      for (const room of rooms) await rq.addRoom(room);

      /** Every room on two distinct live collectors, and two sessions of it open. */
      const fullyReplicated = async (): Promise<boolean> => {
        const ids = live.map((c) => c.id);
        if (!everyRoomHeldBy(await holdersByRoom(rq), rooms, 2, ids)) return false;
        const open = openSessionsByRoom(simulator);
        return rooms.every((room) => open.get(room)?.length === 2);
      };
      const replicasHeld = async (): Promise<Record<string, number>> =>
        Object.fromEntries(
          await Promise.all(
            live.map(async (c) => [c.id, await c.http.metric('danmaku_collector_room_replicas')]),
          ),
        ) as Record<string, number>;
      /** What the queue and the simulator show, for a timeout's message. */
      const queueState = async (): Promise<string> => {
        const jobs = await rq.listRooms();
        const states: Record<string, number> = {};
        for (const j of jobs) states[j.state] = (states[j.state] ?? 0) + 1;
        const open = openSessionsByRoom(simulator);
        const short = rooms.filter((room) => (open.get(room)?.length ?? 0) < 2).length;
        return `jobs ${JSON.stringify(states)}; rooms with < 2 open sessions ${short}; live ${live
          .map((c) => c.id)
          .join()}; held ${JSON.stringify(await replicasHeld())}`;
      };
      let droppedByKilled = 0;
      const startedAt = Date.now();
      await waitForValue(async () => ((await fullyReplicated()) ? true : undefined), {
        timeoutMs: REREPLICATE_BOUND_MS,
        intervalMs: 250,
        what: 'every room on two collectors',
      });
      const initialMs = Date.now() - startedAt;
      const initialHeld = await replicasHeld();

      const kills: Array<Record<string, unknown>> = [];
      /** Rooms with a live replica through every kill (all of them, kills being spaced). */
      const covered = new Set(rooms);
      /** Replicas of each room that died with a killed collector. */
      const killedReplicas = new Map<number, number>();
      for (let k = 1; k <= KILLS; k++) {
        await sleep(STEADY_MS);
        const holders = await holdersByRoom(rq);
        const holding = live.filter((c) => [...holders.values()].some((on) => on.includes(c.id)));
        const victim = rng.pick(holding);
        const affected = rooms.filter((room) => holders.get(room)?.includes(victim.id));
        for (const room of affected) killedReplicas.set(room, (killedReplicas.get(room) ?? 0) + 1);
        for (const room of rooms) {
          if (!(holders.get(room) ?? []).some((c) => c !== victim.id)) covered.delete(room);
        }
        droppedByKilled += await victim.http.metric('danmaku_collector_records_dropped_total');
        const killedAt = Date.now();
        await killHard(victim.proc);
        live.splice(live.indexOf(victim), 1);
        const replacement = await start();
        live.push(replacement);
        const takeover = await waitForValue(
          () => {
            const open = openSessionsByRoom(simulator);
            const times = affected.map(
              (room) =>
                Math.max(0, ...(open.get(room) ?? []).map((s) => s.connectedAtMs)) - killedAt,
            );
            return times.every((t) => t > 0) ? times.sort((a, b) => a - b) : undefined;
          },
          { timeoutMs: REREPLICATE_BOUND_MS, intervalMs: 100, what: `takeover after kill ${k}` },
        ).catch(async (error: unknown) => {
          throw new Error(`${String(error)}\n${await queueState()}`);
        });
        await waitForValue(async () => ((await fullyReplicated()) ? true : undefined), {
          timeoutMs: REREPLICATE_BOUND_MS,
          intervalMs: 250,
          what: `every room on two live collectors after kill ${k}`,
        });
        kills.push({
          victim: victim.id,
          replacement: replacement.id,
          replicasKilled: affected.length,
          killedAt,
          takeoverFirstMs: takeover[0] ?? 0,
          takeoverLastMs: takeover.at(-1) ?? 0,
          reReplicatedMs: Date.now() - killedAt,
          replicasHeld: await replicasHeld(),
        });
      }
      await sleep(STEADY_MS);
      sampler.stop();

      const closingAt = Date.now();
      const roomsAtClose = closeSimulatorSessions(simulator);
      let dropped = droppedByKilled;
      for (const c of live) {
        await waitNoneJoined(c.http, () => tail(c.proc, 10));
        dropped += await c.http.metric('danmaku_collector_records_dropped_total');
      }
      for (const c of live) expect(await stopGracefully(c.proc), tail(c.proc)).toBe(0);
      const ends = await waitCaughtUp(url, kafkaBrokers, topics, group, 600_000);
      expect(await stopGracefully(writer), tail(writer)).toBe(0);

      const truth = simulator.groundTruth();
      const stored = await readStored(url);
      const overlaps = await overlappingSessions(url);
      const comparison = compareWithTruth(truth, stored);
      const said = compareSaid(roomsAtClose, truth, comparison, await readGaps(url));
      const missed = missedByRoom(roomsAtClose, closingAt, GAP_TOLERANCE_MS);
      const missedCovered = [...covered].filter((room) => (missed.during.get(room) ?? 0) > 0);
      const missedOthers = rooms
        .filter((room) => !covered.has(room))
        .map((room) => [room, missed.during.get(room) ?? 0]);
      const lostRooms = [...comparison.lostByRoom.keys()];
      // A killed replica's own replies (a pingreq, a keeplive answer sent to that connection just
      // before the kill) die with it: no other connection was sent them. They are that session's
      // tail, not the room's traffic, which the other replica heard. At most 2 per killed replica.
      const shortfall = shortfallByType(truth, stored, lostRooms);
      let diedWithCollector = 0;
      for (const [room, byType] of Object.entries(shortfall)) {
        const n = Object.values(byType).reduce((sum, v) => sum + Math.max(0, v), 0);
        const repliesOnly = Object.entries(byType).every(
          ([type, v]) => v <= 0 || isSessionReply(type),
        );
        if (repliesOnly && n <= 2 * (killedReplicas.get(Number(room)) ?? 0)) diedWithCollector += n;
      }
      console.log(
        `replica-kill: ${describeComparison(comparison)}; ${describeSaid(said)}; ` +
          `kills ${JSON.stringify(kills)}; doubles ${JSON.stringify(sampler.doubles)}`,
      );
      reportScenario(
        'replica-kill',
        comparison,
        {
          seed,
          rooms: ROOMS,
          perRoomPerSec: PER_ROOM_PER_SEC,
          initialReplicationMs: initialMs,
          initialReplicasHeld: initialHeld,
          kills,
          roomsCoveredThroughEveryKill: covered.size,
          coveredRoomsWithMissed: missedCovered.map((room) => [room, missed.during.get(room)]),
          otherRoomsMissed: missedOthers,
          // Said between the rooms' last tick and the truth taken at the final close.
          missedAtClose: missed.atClose,
          missedRunsBeforeClose: missed.samples,
          shortfallByType: shortfall,
          sessionRepliesDiedWithKilledReplicas: diedWithCollector,
          lostChatCids: Object.fromEntries(comparison.lostChatCids),
          doubledReplicas: sampler.doubles,
          longestHandBackMs: sampler.longestMs(),
          overlappingSessionsOnOneCollector: overlaps,
          kafkaRawRecords: ends.raw,
          // Copies the writer merged into one row (each message reached Kafka about twice).
          mergedRecords: ends.raw - stored.rows - stored.ingestErrors,
          collectorDropped: dropped,
        },
        said,
      );

      expect(sampler.doubles).toEqual([]);
      expect(overlaps).toBe(0);
      expect(covered.size).toBe(ROOMS);
      expect(missedCovered).toEqual([]);
      // Every missed message is the final close's (each room's trailing gap).
      expect(said.missed).toBe(missed.atClose);
      expect(said.withheld).toBe(0);
      expect(dropped).toBe(0);
      // Nothing sent is lost (repeats at the merge window's edge are tolerated by the
      // comparison itself, truth-compare.ts), nothing stored twice.
      expect(comparison.lost - diedWithCollector, JSON.stringify(shortfall)).toBe(0);
      expect(comparison.duplicated).toBe(0);
      expect(comparison.phantom).toBe(0);
      expectSaidExact({ ...said, lost: said.lost - diedWithCollector });
      // Every message reached Kafka from both replicas: the merge had real work to do.
      expect(stored.rows).toBeLessThan(0.6 * ends.raw);
    });
  },
);
