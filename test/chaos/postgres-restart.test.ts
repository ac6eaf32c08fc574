// Chaos: stop PostgreSQL under load and start it again (CI: once, 10 s, clean shutdown; full:
// three times, 30 s, alternating clean and immediate shutdown = crash recovery). The writer keeps
// running, retries with backoff and resumes where it was: nothing lost, nothing duplicated.
// The cluster is one of the suite's own (pg_createcluster), so no other test is disturbed.
import { createLogger } from '@danmaku/runtime';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { metricValue } from '../collector-support.js';
import { describeWithServices, services, waitFor } from '../support/index.js';
import { OwnPostgres } from '../support/own-postgres.js';
import { finishAndCompare, startLoad, waitFlowing, type Load } from './support/loaded-pipeline.js';
import { committed, sleep, writerEnv } from './support/pipeline.js';
import { killAllServices, spawnService, tail } from './support/processes.js';
import { profileName, sized } from './support/profile.js';
import { reportScenario } from './support/report.js';
import { runSeed } from './support/seeded-random.js';
import { describeSaid, expectSaidExact } from './support/said-compare.js';
import { describeComparison, expectRecordsAccounted } from './support/truth-compare.js';

const RESTARTS = sized('CHAOS_PG_RESTARTS', 1, 3);
const DOWN_MS = sized('CHAOS_PG_DOWN_MS', 10_000, 30_000);
const ROOMS = sized('CHAOS_PG_ROOMS', 40, 100);
const PER_ROOM_PER_SEC = 40;

describeWithServices(['kafka'], `chaos: PostgreSQL restart under load (${profileName})`, () => {
  let cluster: OwnPostgres | undefined;
  let load: Load | undefined;
  beforeAll(async () => {
    cluster = await OwnPostgres.create();
  }, 300_000);
  afterAll(async () => {
    await killAllServices();
    await load?.collector.close();
    await load?.sim.close();
    await cluster?.drop();
  });

  it(`resumes after ${RESTARTS} PostgreSQL outage(s) of ${DOWN_MS} ms with nothing lost`, async () => {
    if (cluster === undefined) throw new Error('no cluster');
    const seed = runSeed();
    load = await startLoad({
      seed,
      databaseUrl: await cluster.createDatabase('chaos'),
      brokers: services().kafkaBrokers,
      group: 'chaos_pg',
      rooms: Array.from({ length: ROOMS }, (_, i) => 73_001 + i),
      perRoomPerSec: PER_ROOM_PER_SEC,
      collectorSettings: { COLLECTOR_ID: 'chaos-pg' },
      logger: createLogger({ level: 'error', pretty: false, write: () => undefined }),
    });
    const { url, topics, group } = load;
    const writer = spawnService(
      'writer',
      'writer',
      writerEnv(url, load.brokers, topics, group, {
        WRITER_DB_RETRY_INITIAL_MS: '200',
        WRITER_DB_RETRY_MAX_MS: '2000',
      }),
    );
    await waitFlowing(load, writer, ROOMS);

    const outages: Array<Record<string, number | string>> = [];
    for (let r = 1; r <= RESTARTS; r++) {
      const mode = r % 2 === 1 ? 'fast' : 'immediate';
      const committedBefore = await committed(url, group, topics.raw);
      const failuresBefore = writer.lines.filter((l) => l.includes('batch write failed')).length;
      const stoppedAt = Date.now();
      await cluster.stop(mode);
      await sleep(DOWN_MS);
      await cluster.start();
      const restartedAt = Date.now();
      await waitFor(async () => (await committed(url, group, topics.raw)) > committedBefore, {
        timeoutMs: 120_000,
        what: `writer committing again after restart ${r}\n${tail(writer)}`,
      });
      const failed =
        writer.lines.filter((l) => l.includes('batch write failed')).length - failuresBefore;
      outages.push({
        restart: r,
        mode,
        downMs: restartedAt - stoppedAt,
        resumedAfterMs: Date.now() - restartedAt,
        failedAttempts: failed,
      });
      expect(writer.isRunning(), tail(writer)).toBe(true);
      await sleep(3_000);
    }

    const { stored, comparison, said, scrape, ends } = await finishAndCompare(load, writer);
    console.log(
      `postgres-restart: ${describeComparison(comparison)}; ${describeSaid(said)}; outages ${JSON.stringify(outages)}`,
    );
    reportScenario(
      'postgres-restart',
      comparison,
      {
        seed,
        restarts: RESTARTS,
        outages,
        kafkaRawRecords: ends.raw,
        collectorDropped: metricValue(scrape, 'danmaku_collector_records_dropped_total'),
      },
      said,
    );
    for (const outage of outages)
      expect(Number(outage.failedAttempts), JSON.stringify(outage)).toBeGreaterThan(0);
    expect(comparison.lost, `lost by room ${JSON.stringify([...comparison.lostByRoom])}`).toBe(0);
    expect(comparison.duplicated).toBe(0);
    expectSaidExact(said);
    expect(comparison.phantom).toBe(0);
    expectRecordsAccounted(ends.raw, stored, comparison);
  });
});
