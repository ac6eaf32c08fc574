// Chaos: stop the Kafka broker under load and start it again (CI: once for 15 s; full: three
// times, 45 s each, SIGTERM and SIGKILL). The collector buffers, then pauses its sockets
// (backpressure); after recovery PostgreSQL holds every message the simulator sent to a
// logged-in session, apart from drops the collector counted (expected: none).
import {
  KafkaSink,
  createJsonLogger,
  loadCollectorConfig,
  startCollector,
  type Collector,
} from '@danmaku/collector';
import { startSimulator, type Simulator } from '@danmaku/simulator';
import { migrate } from '@danmaku/writer';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { metricValue } from '../collector-support';
import { describeWithServices, freshDatabase, uniqueName, waitFor } from '../support';
import { OwnKafka } from './support/own-kafka';
import {
  closeSimulatorSessions,
  collectorEnv,
  committed,
  createTopics,
  loggedInSessions,
  sleep,
  waitCaughtUp,
  waitNoSessionJoined,
  writerEnv,
} from './support/pipeline';
import { killAllServices, spawnService, stopGracefully, tail } from './support/processes';
import { profileName, sized } from './support/profile';
import { reportScenario } from './support/report';
import { runSeed } from './support/seeded-random';
import { compareWithTruth, describeComparison, readStored } from './support/truth-compare';

const RESTARTS = sized('CHAOS_KAFKA_RESTARTS', 1, 3);
const DOWN_MS = sized('CHAOS_KAFKA_DOWN_MS', 15_000, 45_000);
const ROOMS = sized('CHAOS_KAFKA_ROOMS', 40, 100);
const PER_ROOM_PER_SEC = 50;
/** Small enough that one outage fills it past the high watermark (80 %). */
const BUFFER_MAX_RECORDS = sized('CHAOS_KAFKA_BUFFER_RECORDS', 10_000, 20_000);

describeWithServices(['postgres'], `chaos: Kafka restart under load (${profileName})`, () => {
  let kafka: OwnKafka | undefined;
  let sim: Simulator | undefined;
  let collector: Collector | undefined;
  beforeAll(async () => {
    kafka = await OwnKafka.start();
  }, 300_000);
  afterAll(async () => {
    await killAllServices();
    await collector?.close();
    await sim?.close();
    await kafka?.stop();
  });

  it(`recovers from ${RESTARTS} broker restart(s) of ${DOWN_MS} ms with nothing lost`, async () => {
    if (kafka === undefined) throw new Error('no broker');
    const brokers = kafka.brokers;
    const seed = runSeed();
    const url = await freshDatabase('chaoskr');
    await migrate(url);
    const topics = await createTopics(brokers, 4);
    const group = uniqueName('chaos_kr');
    const rooms = Array.from({ length: ROOMS }, (_, i) => 72_001 + i);
    sim = await startSimulator({
      seed,
      rooms,
      traffic: { messagesPerSecond: PER_ROOM_PER_SEC, burstMultiplier: 2 },
    });
    const logs: string[] = [];
    collector = await startCollector(
      loadCollectorConfig(
        collectorEnv(sim, brokers, topics, {
          COLLECTOR_ID: 'chaos-kr',
          ROOMS: rooms.join(','),
          CONNECT_RATE_PER_SEC: '200',
          BUFFER_MAX_RECORDS: String(BUFFER_MAX_RECORDS),
        }),
      ),
      { http: false, logger: createJsonLogger('warn', (l) => void logs.push(l)) },
    );
    const writer = spawnService('writer', 'writer', writerEnv(url, brokers, topics, group));
    await waitFor(() => loggedInSessions(sim as Simulator) === ROOMS, {
      timeoutMs: 60_000,
      what: 'every room logged in',
    });
    await waitFor(async () => (await committed(url, group, topics.raw)) > 1_000, {
      timeoutMs: 120_000,
      what: `writer committing\n${tail(writer)}`,
    });

    const outages: Array<Record<string, number | string | boolean>> = [];
    for (let r = 1; r <= RESTARTS; r++) {
      const signal = r % 2 === 1 ? 'SIGTERM' : 'SIGKILL';
      const sink = collector.sink;
      const buffered = (): number => (sink instanceof KafkaSink ? sink.buffered.records : 0);
      let peakBuffered = 0;
      let paused = false;
      const watch = setInterval(() => {
        peakBuffered = Math.max(peakBuffered, buffered());
        paused ||= collector?.rooms.paused === true;
      }, 50);
      const sentBefore = sim.groundTruth({ cids: false }).totals.streamMessages;
      const { stoppedMs } = await kafka.restart(signal, DOWN_MS);
      const backAt = Date.now();
      const sentDuring = sim.groundTruth({ cids: false }).totals.streamMessages - sentBefore;
      // Recovered: reading again and the backlog (held in the sockets meanwhile) worked off.
      const recoveryMs = 120_000 + 4 * DOWN_MS;
      await waitFor(() => collector?.rooms.paused === false, {
        timeoutMs: recoveryMs,
        what: 'sockets resumed after recovery',
      });
      await waitFor(() => buffered() < BUFFER_MAX_RECORDS / 4, {
        timeoutMs: recoveryMs,
        what: `collector buffer drained (${buffered()} records)`,
      });
      const recoveredAfterMs = Date.now() - backAt;
      clearInterval(watch);
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

    closeSimulatorSessions(sim);
    await waitNoSessionJoined(collector);
    await collector.close();
    const scrape = await collector.metrics.registry.metrics();
    const ends = await waitCaughtUp(url, brokers, topics, group, 600_000);
    expect(writer.isRunning(), tail(writer)).toBe(true);
    expect(await stopGracefully(writer), tail(writer)).toBe(0);

    const truth = sim.groundTruth();
    const stored = await readStored(url);
    const comparison = compareWithTruth(truth, stored);
    const dropped = metricValue(scrape, 'danmaku_collector_records_dropped_total');
    const backpressureEvents = metricValue(scrape, 'danmaku_collector_backpressure_events_total');
    console.log(
      `kafka-restart: ${describeComparison(comparison)}; outages ${JSON.stringify(outages)}; dropped ${dropped}`,
    );
    reportScenario('kafka-restart', comparison, {
      seed,
      restarts: RESTARTS,
      outages,
      backpressureEvents,
      collectorDropped: dropped,
      kafkaSendErrors: metricValue(scrape, 'danmaku_collector_kafka_send_errors_total'),
      kafkaRawRecords: ends.raw,
      truthDroppedFrames: truth.totals.droppedFrames,
    });
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
    expect(comparison.phantom).toBe(0);
    expect(stored.rows + stored.ingestErrors).toBe(ends.raw);
  });
});
