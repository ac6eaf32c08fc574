// Chaos: two writers share the consumer group; `kill -9` one of them while traffic flows (CI: 2
// kills, full: 5). Each time, every partition of the raw topic must be written again within 15 s
// of the kill: the dead member's session expires (WRITER_KAFKA_SESSION_TIMEOUT_MS, default 8 s),
// the survivor hears of the rebalance on its next heartbeat (1 s) and takes every partition.
// The writers run on their defaults; only the batch size is small, so that commits are frequent.
import { createLogger } from '@danmaku/runtime';
import { AssignerProtocol } from 'kafkajs';
import { afterAll, expect, it } from 'vitest';
import { metricValue } from '../collector-support.js';
import {
  describeWithServices,
  freshDatabase,
  kafkaClient,
  services,
  waitFor,
  withPg,
} from '../support/index.js';
import { finishAndCompare, startLoad, waitFlowing, type Load } from './support/loaded-pipeline.js';
import { sleep, writerEnv } from './support/pipeline.js';
import {
  killAllServices,
  killHard,
  spawnService,
  tail,
  type ServiceProcess,
} from './support/processes.js';
import { profileName, sized } from './support/profile.js';
import { reportScenario } from './support/report.js';
import { SeededRandom, runSeed } from './support/seeded-random.js';
import { describeSaid, expectSaidExact } from './support/said-compare.js';
import { describeComparison, expectRecordsAccounted } from './support/truth-compare.js';

const KILLS = sized('CHAOS_FAILOVER_KILLS', 2, 5);
const ROOMS = sized('CHAOS_FAILOVER_ROOMS', 40, 50);
const PER_ROOM_PER_SEC = sized('CHAOS_FAILOVER_RATE', 40, 60);
const PARTITIONS = 4;
/** The bound: rows flow again on every partition this soon after the kill. */
const FAILOVER_BOUND_MS = 15_000;

/** Next offset the group has stored per raw partition. */
async function partitionOffsets(url: string, group: string, topic: string): Promise<number[]> {
  return withPg(url, async (c) => {
    const r = await c.query<{ partition: number; next: string }>(
      `SELECT partition, next_offset::text AS next FROM ingest_offsets
        WHERE consumer_group = $1 AND topic = $2`,
      [group, topic],
    );
    const offsets = new Array<number>(PARTITIONS).fill(-1);
    for (const row of r.rows) offsets[row.partition] = Number(row.next);
    return offsets;
  });
}

/** Milliseconds from `since` until every partition committed past its offset at that moment. */
async function msUntilAllAdvance(
  load: Load,
  before: number[],
  since: number,
  survivor: ServiceProcess,
): Promise<number> {
  const advanced = new Array<boolean>(PARTITIONS).fill(false);
  await waitFor(
    async () => {
      const now = await partitionOffsets(load.url, load.group, load.topics.raw);
      now.forEach((offset, p) => {
        if (offset > (before[p] ?? -1)) advanced[p] = true;
      });
      return advanced.every(Boolean);
    },
    {
      timeoutMs: 120_000,
      intervalMs: 50,
      what: `every partition written again\n${tail(survivor)}`,
    },
  );
  return Date.now() - since;
}

/** Waits until the group has two members, each assigned raw partitions; returns their client ids. */
async function waitBothAssigned(load: Load): Promise<string[]> {
  const admin = kafkaClient(load.brokers, 'chaos-failover-admin').admin();
  await admin.connect();
  try {
    let holders: string[] = [];
    await waitFor(
      async () => {
        const { groups } = await admin.describeGroups([load.group]);
        const group = groups[0];
        if (group?.state !== 'Stable') return false;
        holders = group.members
          .filter((m) => {
            const assignment = AssignerProtocol.MemberAssignment.decode(m.memberAssignment);
            return (assignment?.assignment[load.topics.raw]?.length ?? 0) > 0;
          })
          .map((m) => m.clientId);
        return holders.length === 2;
      },
      { timeoutMs: 90_000, intervalMs: 250, what: 'two writers holding raw partitions' },
    );
    return holders;
  } finally {
    await admin.disconnect();
  }
}

describeWithServices(['postgres', 'kafka'], `chaos: writer failover (${profileName})`, () => {
  let load: Load | undefined;
  afterAll(async () => {
    await killAllServices();
    await load?.collector.close();
    await load?.sim.close();
  });

  it(`rows flow on every partition ≤ 15 s after each of ${KILLS} kills of one of two writers`, async () => {
    const seed = runSeed();
    const rng = new SeededRandom(seed);
    console.log(`writer-failover: seed ${seed} (CHAOS_SEED to replay the kill moments)`);
    load = await startLoad({
      seed,
      databaseUrl: await freshDatabase('chaoswf'),
      brokers: services().kafkaBrokers,
      group: 'chaos_failover',
      rooms: Array.from({ length: ROOMS }, (_, i) => 74_001 + i),
      perRoomPerSec: PER_ROOM_PER_SEC,
      collectorSettings: { COLLECTOR_ID: 'chaos-wf' },
      logger: createLogger({ level: 'error', pretty: false, write: () => undefined }),
    });
    const env = (name: string): Record<string, string> =>
      writerEnv(load!.url, load!.brokers, load!.topics, load!.group, {
        WRITER_MAX_BATCH_RECORDS: '2000',
        WRITER_CLIENT_ID: name,
      });
    const writers: ServiceProcess[] = [
      spawnService('writer', 'writer-a0', env('writer-a0')),
      spawnService('writer', 'writer-b0', env('writer-b0')),
    ];
    await waitFlowing(load, writers[0]!, ROOMS);
    const failovers: Array<{ killed: string; ms: number }> = [];
    for (let k = 1; k <= KILLS; k++) {
      // Both writers must hold partitions before the kill, and traffic flow a while after that.
      const holders = await waitBothAssigned(load);
      expect(holders.sort()).toEqual(writers.map((w) => w.name).sort());
      await sleep(rng.int(1_000, 4_000));
      const victim = rng.int(0, 1);
      const dead = writers[victim]!;
      const before = await partitionOffsets(load.url, load.group, load.topics.raw);
      const killedAt = Date.now();
      await killHard(dead);
      const survivor = writers[1 - victim]!;
      const ms = await msUntilAllAdvance(load, before, killedAt, survivor);
      failovers.push({ killed: dead.name, ms });
      console.log(
        `writer-failover: kill ${k} of ${dead.name}: every partition flowing after ${ms} ms`,
      );
      const name = `writer-${victim === 0 ? 'a' : 'b'}${k}`;
      writers[victim] = spawnService('writer', name, env(name));
    }
    const last = writers[1]!;
    await killHard(writers[0]!);
    const { stored, comparison, said, scrape, ends } = await finishAndCompare(load, last);
    console.log(`writer-failover: ${describeComparison(comparison)}; ${describeSaid(said)}`);
    const worstMs = Math.max(...failovers.map((f) => f.ms));
    reportScenario(
      'writer-failover',
      comparison,
      {
        seed,
        failovers,
        worstFailoverMs: worstMs,
        boundMs: FAILOVER_BOUND_MS,
        kafkaRawRecords: ends.raw,
        collectorDropped: metricValue(scrape, 'danmaku_collector_records_dropped_total'),
      },
      said,
    );
    expect(failovers).toHaveLength(KILLS);
    expect(worstMs).toBeLessThanOrEqual(FAILOVER_BOUND_MS);
    expect(comparison.lost).toBe(0);
    expect(comparison.duplicated).toBe(0);
    expect(comparison.phantom).toBe(0);
    expectSaidExact(said);
    expectRecordsAccounted(ends.raw, stored, comparison);
  });
});
