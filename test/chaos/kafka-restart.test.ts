// Chaos: stop the Kafka broker under load and start it again (CI: once for 15 s; full: three
// times, 45 s each, SIGTERM and SIGKILL). The collector buffers, then pauses its sockets
// (backpressure); after recovery PostgreSQL holds every message the simulator sent to a
// logged-in session, apart from drops the collector counted (expected: none).
import { createLogger } from '@danmaku/runtime';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { metricValue } from '../collector-support.js';
import { describeWithServices, freshDatabase, waitFor } from '../support/index.js';
import { OwnKafka } from './support/own-kafka.js';
import { finishAndCompare, startLoad, waitFlowing, type Load } from './support/loaded-pipeline.js';
import { sinkBuffered, sleep, writerEnv } from './support/pipeline.js';
import { killAllServices, spawnService, tail } from './support/processes.js';
import { profileName, sized } from './support/profile.js';
import { reportScenario } from './support/report.js';
import { runSeed } from './support/seeded-random.js';
import { describeSaid, expectSaidExact } from './support/said-compare.js';
import { describeComparison, expectRecordsAccounted } from './support/truth-compare.js';

const RESTARTS = sized('CHAOS_KAFKA_RESTARTS', 1, 3);
const DOWN_MS = sized('CHAOS_KAFKA_DOWN_MS', 15_000, 45_000);
// 40 rooms × 50 msg/s: the collector's sink must out-run the input to work off an outage.
const ROOMS = sized('CHAOS_KAFKA_ROOMS', 40, 40);
const PER_ROOM_PER_SEC = 50;
/** Small enough that one outage fills it past the high watermark (80 %). */
const BUFFER_MAX_RECORDS = sized('CHAOS_KAFKA_BUFFER_RECORDS', 10_000, 20_000);

describeWithServices(['postgres'], `chaos: Kafka restart under load (${profileName})`, () => {
  let kafka: OwnKafka | undefined;
  let load: Load | undefined;
  beforeAll(async () => {
    kafka = await OwnKafka.start();
  }, 300_000);
  afterAll(async () => {
    await killAllServices();
    await load?.collector.close();
    await load?.sim.close();
    await kafka?.stop();
  });

  it(`recovers from ${RESTARTS} broker restart(s) of ${DOWN_MS} ms with nothing lost`, async () => {
    if (kafka === undefined) throw new Error('no broker');
    const seed = runSeed();
    const logs: string[] = [];
    load = await startLoad({
      seed,
      databaseUrl: await freshDatabase('chaoskr'),
      brokers: kafka.brokers,
      group: 'chaos_kr',
      rooms: Array.from({ length: ROOMS }, (_, i) => 72_001 + i),
      perRoomPerSec: PER_ROOM_PER_SEC,
      collectorSettings: {
        COLLECTOR_ID: 'chaos-kr',
        BUFFER_MAX_RECORDS: String(BUFFER_MAX_RECORDS),
      },
      logger: createLogger({ level: 'warn', pretty: false, write: (l) => void logs.push(l) }),
    });
    const { sim, collector } = load;
    const writer = spawnService(
      'writer',
      'writer',
      writerEnv(load.url, load.brokers, load.topics, load.group),
    );
    await waitFlowing(load, writer, ROOMS);

    const outages: Array<Record<string, number | string | boolean>> = [];
    for (let r = 1; r <= RESTARTS; r++) {
      const signal = r % 2 === 1 ? 'SIGTERM' : 'SIGKILL';
      const buffered = (): number => sinkBuffered(collector);
      let peakBuffered = 0;
      let paused = false;
      const watch = setInterval(() => {
        peakBuffered = Math.max(peakBuffered, buffered());
        paused ||= collector.rooms.paused;
      }, 50);
      const sentBefore = sim.groundTruth({ cids: false }).totals.streamMessages;
      const { stoppedMs } = await kafka.restart(signal, DOWN_MS);
      const backAt = Date.now();
      const sentDuring = sim.groundTruth({ cids: false }).totals.streamMessages - sentBefore;
      // Recovered: reading again and the backlog (held in the sockets meanwhile) worked off.
      const recoveryMs = 120_000 + 4 * DOWN_MS;
      await waitFor(() => !collector.rooms.paused, {
        timeoutMs: recoveryMs,
        what: 'sockets resumed after recovery',
      });
      await waitFor(() => buffered() < BUFFER_MAX_RECORDS / 4, {
        timeoutMs: recoveryMs,
        what: `collector buffer drained (${buffered()} records)`,
      });
      const recoveredAfterMs = Date.now() - backAt;
      clearInterval(watch);
      // The writer lost its broker too: it must ride the outage out, not exit.
      expect(writer.isRunning(), `writer exited during outage ${r}\n${tail(writer)}`).toBe(true);
      outages.push({
        restart: r,
        signal,
        stoppedMs,
        downMs: DOWN_MS,
        sentDuringOutage: sentDuring,
        peakBuffered,
        paused,
        recoveredAfterMs,
      });
      await sleep(3_000);
    }

    const { truth, stored, comparison, said, scrape, ends } = await finishAndCompare(load, writer);
    const dropped = metricValue(scrape, 'danmaku_collector_records_dropped_total');
    const backpressureEvents = metricValue(scrape, 'danmaku_collector_backpressure_events_total');
    console.log(
      `kafka-restart: ${describeComparison(comparison)}; ${describeSaid(said)}; outages ${JSON.stringify(outages)}; dropped ${dropped}`,
    );
    reportScenario(
      'kafka-restart',
      comparison,
      {
        seed,
        restarts: RESTARTS,
        outages,
        backpressureEvents,
        collectorDropped: dropped,
        kafkaSendErrors: metricValue(scrape, 'danmaku_collector_kafka_send_errors_total'),
        kafkaRawRecords: ends.raw,
        truthDroppedFrames: truth.totals.droppedFrames,
      },
      said,
    );
    // It buffered up to its cap, then paused the sockets instead of dropping.
    for (const outage of outages) {
      expect(outage.paused, JSON.stringify(outage)).toBe(true);
      expect(outage.peakBuffered).toBeLessThanOrEqual(BUFFER_MAX_RECORDS);
    }
    expect(backpressureEvents).toBeGreaterThanOrEqual(RESTARTS);
    expect(
      comparison.lost,
      `lost by room ${JSON.stringify([...comparison.lostByRoom])}`,
    ).toBeLessThanOrEqual(dropped);
    expect(dropped).toBe(0);
    expect(comparison.duplicated).toBe(0);
    expectSaidExact(said);
    expect(comparison.phantom).toBe(0);
    expectRecordsAccounted(ends.raw, stored, comparison);
  });
});
