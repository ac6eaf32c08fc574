// Kafka stops under a running collector: the buffer stays within its caps, the rooms stop being
// read, nothing is lost without being counted, and collection resumes when Kafka is back.
// Uses a broker of its own (scripts/kafka on free ports), never the shared one.
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { loadCollectorConfig, startCollector, type Collector } from '@danmaku/collector';
import { startSimulator, type Simulator } from '@danmaku/simulator';
import { afterAll, expect, it } from 'vitest';
import { bySession, metricValue, readTopic } from './collector-support.js';
import { describeWithServices, freePort, waitFor } from './support/index.js';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const ROOMS = Array.from({ length: 20 }, (_, i) => 51_001 + i);
const MAX_RECORDS = 3_000;
const MAX_BYTES = 2 * 1024 * 1024;

/** A private broker through scripts/kafka/start and stop, on its own ports and run dir. */
async function privateBroker() {
  const port = await freePort();
  const env = {
    ...process.env,
    KAFKA_PORT: String(port),
    KAFKA_CONTROLLER_PORT: String(await freePort()),
    KAFKA_RUN_DIR: `${repoRoot}.kafka/collector-bp-${process.pid}`,
    KAFKA_HEAP: '384m',
  };
  const script = (name: string) =>
    run('bash', [`${repoRoot}scripts/kafka/${name}`], { env, timeout: 180_000 });
  return {
    brokers: [`127.0.0.1:${port}`],
    start: () => script('start'),
    stop: () => script('stop'),
    remove: () => rmSync(env.KAFKA_RUN_DIR, { recursive: true, force: true }),
  };
}

/** Creates the topics unless a producer's auto-creation got there first. */
async function ensureTopics(brokers: string[], topics: string[]): Promise<void> {
  // Quiet: a producer may have auto-created a topic already, which kafkajs logs as an error.
  const kafka = new Kafka({ brokers, clientId: 'collector-bp-admin', logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: topics.map((topic) => ({ topic, numPartitions: 1 })),
    });
  } finally {
    await admin.disconnect();
  }
}

describeWithServices(['kafka'], 'collector: backpressure while Kafka is down', () => {
  const broker = privateBroker();
  let sim: Simulator | undefined;
  let collector: Collector | undefined;

  afterAll(async () => {
    await collector?.close();
    await sim?.close();
    const b = await broker;
    await b.stop().catch(() => undefined);
    b.remove();
  });

  it('buffers within its caps, pauses the rooms, and recovers when Kafka returns', async () => {
    const b = await broker;
    await b.start();
    const topics = ['bp_raw', 'bp_sessions'];
    await ensureTopics(b.brokers, topics);
    sim = await startSimulator({
      seed: 5,
      listen: { ws: [0], tcp: [] },
      traffic: { messagesPerSecond: 50, burstEveryMs: 0 },
    });
    collector = await startCollector(
      loadCollectorConfig({
        COLLECTOR_ID: 'backpressure',
        ROOMS: ROOMS.join(','),
        DOUYU_ENDPOINTS: sim.wsUrl(),
        KAFKA_BROKERS: b.brokers.join(','),
        KAFKA_RAW_TOPIC: 'bp_raw',
        KAFKA_SESSIONS_TOPIC: 'bp_sessions',
        BUFFER_MAX_RECORDS: String(MAX_RECORDS),
        BUFFER_MAX_BYTES: String(MAX_BYTES),
        // Silence while paused is expected: keep the dead-socket timer out of this test.
        DEAD_AFTER_MS: '600000',
        HTTP_PORT: '0',
        LOG_LEVEL: 'silent',
      }),
    );
    const c = collector;
    const metric = async (name: string) => metricValue(await c.metrics.registry.metrics(), name);
    await waitFor(async () => (await metric('danmaku_collector_records_sent_total')) > 1_000, {
      what: 'records flowing to Kafka',
    });

    await b.stop();
    const sentBeforeStop = await metric('danmaku_collector_records_sent_total');
    await waitFor(async () => (await metric('danmaku_collector_backpressure')) === 1, {
      timeoutMs: 30_000,
      what: 'sink full: rooms paused',
    });
    // While Kafka is away: the buffer never passes its caps, and paused rooms are not read.
    const receivedAtPause = await metric('danmaku_collector_messages_received_total');
    for (let i = 0; i < 15; i++) {
      expect(c.rooms.paused).toBe(true);
      expect(await metric('danmaku_collector_records_buffered')).toBeLessThanOrEqual(MAX_RECORDS);
      expect(await metric('danmaku_collector_buffered_bytes')).toBeLessThanOrEqual(MAX_BYTES);
      await new Promise((r) => setTimeout(r, 200));
    }
    const readWhilePaused =
      (await metric('danmaku_collector_messages_received_total')) - receivedAtPause;
    expect(readWhilePaused).toBeLessThan(MAX_RECORDS * 0.2);
    // The outage shows: failed sends are counted (and logged) while the batch is retried.
    await waitFor(async () => (await metric('danmaku_collector_kafka_send_errors_total')) > 0, {
      timeoutMs: 30_000,
      what: 'send errors counted',
    });

    // Kafka returns (an empty cluster: this script formats a fresh data dir on every start).
    await b.start();
    await ensureTopics(b.brokers, topics).catch(() => undefined);
    await waitFor(async () => (await metric('danmaku_collector_backpressure')) === 0, {
      timeoutMs: 60_000,
      what: 'sink drained: rooms resumed',
    });
    const resumedAt = await metric('danmaku_collector_messages_received_total');
    await waitFor(
      async () => (await metric('danmaku_collector_messages_received_total')) > resumedAt + 1_000,
      {
        what: 'rooms read again',
      },
    );
    await c.close();

    // Nothing unaccounted: every body received was acknowledged by Kafka or counted as dropped.
    const scrape = await c.metrics.registry.metrics();
    const received = metricValue(scrape, 'danmaku_collector_messages_received_total');
    const sent = metricValue(scrape, 'danmaku_collector_records_sent_total');
    const dropped = metricValue(scrape, 'danmaku_collector_records_dropped_total');
    expect(sent + dropped).toBe(received);
    expect(dropped).toBe(0);
    // Everything acknowledged since the restart is in the new cluster, once, in session order.
    const reader = await readTopic(b.brokers, 'bp_raw');
    await reader.waitForCount(sent - sentBeforeStop);
    await new Promise((r) => setTimeout(r, 500));
    expect(reader.records.length).toBe(sent - sentBeforeStop);
    for (const records of bySession(reader.records).values()) {
      const seqs = records.map((r) => Number(r.headers['seq']));
      const first = seqs[0] ?? 0;
      expect(seqs).toEqual(seqs.map((_, i) => first + i));
    }
    await reader.close();
  }, 240_000);
});
