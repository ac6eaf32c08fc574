// Chaos: a split brain. Two collectors hold the same rooms by mistake (each was given the same
// ROOMS, ROOM_REPLICAS=1 everywhere), so every broadcast reaches Kafka twice, from two sessions,
// as two records. The writer must store each message once: chat by (room, cid), every other type
// by its content key within the merge window. PostgreSQL must equal what the rooms said, with
// each session's own replies (loginres, keeplive…) kept per session.
import { createLogger } from '@danmaku/runtime';
import { afterAll, expect, it } from 'vitest';
import { metricValue } from '../collector-support.js';
import { describeWithServices, freshDatabase, services, waitFor } from '../support/index.js';
import {
  finishAndCompare,
  startLoad,
  startRoomsCollector,
  waitFlowing,
  type Load,
} from './support/loaded-pipeline.js';
import { sleep, writerEnv } from './support/pipeline.js';
import { killAllServices, spawnService } from './support/processes.js';
import { profileName, sized } from './support/profile.js';
import { reportScenario } from './support/report.js';
import { describeSaid, expectSaidExact } from './support/said-compare.js';
import { runSeed } from './support/seeded-random.js';
import { describeComparison } from './support/truth-compare.js';
import type { Collector } from '@danmaku/collector';

const ROOMS = sized('CHAOS_SPLIT_ROOMS', 30, 200);
const PER_ROOM_PER_SEC = sized('CHAOS_SPLIT_RATE', 20, 20);
const DURATION_MS = sized('CHAOS_SPLIT_MS', 30_000, 120_000);

describeWithServices(['postgres', 'kafka'], `chaos: split brain (${profileName})`, () => {
  let load: Load | undefined;
  let second: Collector | undefined;
  afterAll(async () => {
    await killAllServices();
    await second?.close();
    await load?.collector.close();
    await load?.sim.close();
  });

  it('two collectors holding the same rooms store every message once', async () => {
    const seed = runSeed();
    console.log(`split-brain: seed ${seed}`);
    const logger = createLogger({ level: 'error', pretty: false, write: () => undefined });
    const rooms = Array.from({ length: ROOMS }, (_, i) => 76_001 + i);
    load = await startLoad({
      seed,
      databaseUrl: await freshDatabase('chaossb'),
      brokers: services().kafkaBrokers,
      group: 'chaos_split',
      rooms,
      perRoomPerSec: PER_ROOM_PER_SEC,
      collectorSettings: { COLLECTOR_ID: 'chaos-sb-a' },
      logger,
    });
    second = await startRoomsCollector(load.sim, load.brokers, load.topics, {
      rooms,
      collectorSettings: { COLLECTOR_ID: 'chaos-sb-b' },
      logger,
    });
    const writer = spawnService(
      'writer',
      'writer',
      writerEnv(load.url, load.brokers, load.topics, load.group),
    );
    await waitFlowing(load, writer, 2 * ROOMS);
    await waitFor(() => second!.rooms.joined === ROOMS, { what: 'second collector joined' });
    await sleep(DURATION_MS);

    const { stored, comparison, said, scrape, ends } = await finishAndCompare(load, writer, [
      second,
    ]);
    const secondScrape = await second.metrics.registry.metrics();
    second = undefined;
    console.log(`split-brain: ${describeComparison(comparison)}; ${describeSaid(said)}`);
    const dropped =
      metricValue(scrape, 'danmaku_collector_records_dropped_total') +
      metricValue(secondScrape, 'danmaku_collector_records_dropped_total');
    reportScenario(
      'split-brain',
      comparison,
      {
        seed,
        rooms: ROOMS,
        durationMs: DURATION_MS,
        kafkaRawRecords: ends.raw,
        collectorDropped: dropped,
      },
      said,
    );
    expect(dropped).toBe(0);
    // Every broadcast reached Kafka twice: the merge had real work to do.
    expect(stored.rows).toBeLessThan(0.6 * ends.raw);
    expect(comparison.lost).toBe(0);
    expect(comparison.duplicated).toBe(0);
    expect(comparison.phantom).toBe(0);
    expectSaidExact(said);
  });
});
