// Chaos: `kill -9` the writer at random moments while the simulator's traffic flows through the
// collector and Kafka (CI: 5 kills over 200,000 messages; full: 20 over 1,000,000). After the
// last restart catches up, PostgreSQL must equal the simulator's ground truth: nothing lost,
// nothing duplicated, and every Kafka record is exactly one row or ingest_errors entry.
import { createLogger } from '@danmaku/runtime';
import { afterAll, expect, it } from 'vitest';
import { metricValue } from '../collector-support.js';
import { describeWithServices, freshDatabase, services, waitFor } from '../support/index.js';
import { finishAndCompare, startLoad, type Load } from './support/loaded-pipeline.js';
import { committed, sleep, writerEnv } from './support/pipeline.js';
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

const MESSAGES = sized('CHAOS_WRITER_MESSAGES', 200_000, 1_000_000);
const KILLS = sized('CHAOS_WRITER_KILLS', 5, 20);
// 50 rooms × 60 msg/s: within what one collector's Kafka sink keeps up with on 2 shared cores.
const ROOMS = sized('CHAOS_WRITER_ROOMS', 50, 50);
const PER_ROOM_PER_SEC = sized('CHAOS_WRITER_RATE', 60, 60);

describeWithServices(['postgres', 'kafka'], `chaos: writer kill -9 (${profileName})`, () => {
  let load: Load | undefined;
  afterAll(async () => {
    await killAllServices();
    await load?.collector.close();
    await load?.sim.close();
  });

  it(`loses and duplicates nothing over ${KILLS} kills during ${MESSAGES} messages`, async () => {
    const seed = runSeed();
    const rng = new SeededRandom(seed);
    console.log(`writer-kill: seed ${seed} (CHAOS_SEED to replay the kill moments)`);
    const warnings: string[] = [];
    load = await startLoad({
      seed,
      databaseUrl: await freshDatabase('chaoswk'),
      brokers: services().kafkaBrokers,
      group: 'chaos_writer',
      rooms: Array.from({ length: ROOMS }, (_, i) => 70_001 + i),
      perRoomPerSec: PER_ROOM_PER_SEC,
      collectorSettings: { COLLECTOR_ID: 'chaos-wk' },
      logger: createLogger({ level: 'warn', pretty: false, write: (l) => void warnings.push(l) }),
    });
    const { url, topics, group, sim } = load;
    const env = writerEnv(url, load.brokers, topics, group, {
      // Small batches: a kill lands between many commits, or inside one.
      WRITER_MAX_BATCH_RECORDS: '2000',
      WRITER_KAFKA_SESSION_TIMEOUT_MS: '6000',
      WRITER_KAFKA_REBALANCE_TIMEOUT_MS: '10000',
    });
    const sent = (): number => sim.groundTruth({ cids: false }).totals.streamMessages;

    let writer: ServiceProcess = spawnService('writer', 'writer-0', env);
    const kills: Array<{ afterMessages: number; committedRaw: number; msAfterStart: number }> = [];
    for (let k = 1; k <= KILLS; k++) {
      // Spread over the whole run: kill k once k/(KILLS+1) of the messages went out, at a
      // random moment while this writer is committing (or still starting: a random delay).
      const threshold = Math.floor((MESSAGES * k) / (KILLS + 1));
      await waitFor(() => sent() >= threshold, {
        timeoutMs: 600_000,
        intervalMs: 200,
        what: `${threshold} sent`,
      });
      const startedAt = Date.now();
      const before = await committed(url, group, topics.raw);
      if (rng.chance(0.8)) {
        await waitFor(async () => (await committed(url, group, topics.raw)) > before, {
          timeoutMs: 120_000,
          intervalMs: 20,
          what: `writer-${k - 1} committing\n${tail(writer)}`,
        });
      }
      await sleep(rng.int(0, 400));
      const committedRaw = await committed(url, group, topics.raw);
      await killHard(writer);
      kills.push({ afterMessages: sent(), committedRaw, msAfterStart: Date.now() - startedAt });
      writer = spawnService('writer', `writer-${k}`, env);
    }
    await waitFor(() => sent() >= MESSAGES, {
      timeoutMs: 600_000,
      intervalMs: 500,
      what: `${MESSAGES} sent`,
    });

    const { stored, comparison, said, scrape, ends } = await finishAndCompare(load, writer);
    console.log(
      `writer-kill: ${describeComparison(comparison)}; ${describeSaid(said)}; kills ${JSON.stringify(kills)}`,
    );
    reportScenario(
      'writer-kill',
      comparison,
      {
        seed,
        kills: kills.length,
        killMoments: kills,
        kafkaRawRecords: ends.raw,
        collectorDropped: metricValue(scrape, 'danmaku_collector_records_dropped_total'),
      },
      said,
    );
    expect(kills).toHaveLength(KILLS);
    expect(comparison.streamSent).toBeGreaterThanOrEqual(MESSAGES);
    expect(metricValue(scrape, 'danmaku_collector_records_dropped_total')).toBe(0);
    expect(comparison.lost, `lost by room ${JSON.stringify([...comparison.lostByRoom])}`).toBe(0);
    expect(comparison.duplicated).toBe(0);
    expectSaidExact(said);
    expect(comparison.phantom).toBe(0);
    // Writer-level exactness: each Kafka record became exactly one row or one ingest_errors entry.
    expectRecordsAccounted(ends.raw, stored, comparison);
    expect(stored.ingestErrors).toBe(0);
  });
});
