import { afterAll, beforeAll, expect, it } from 'vitest';
import { silentLogger } from '@danmaku/runtime';
import { migrate, parseWriterConfig, startWriter } from '@danmaku/writer';
import type { RunningWriter, WriterConfigInput } from '@danmaku/writer';
import {
  createTopic,
  describeWithServices,
  freshDatabase,
  kafkaClient,
  services,
  uniqueName,
  waitFor,
  withPg,
} from './support/index.js';
import {
  DAY0,
  committedRecords,
  makeTraffic,
  produce,
  tableCounts,
  writerTestConfig,
} from './writer-traffic.js';

const RECORDS = 100_000;

describeWithServices(['postgres', 'kafka'], 'writer: Kafka → PostgreSQL, exactly once', () => {
  const rawTopic = uniqueName('raw');
  const sessionsTopic = uniqueName('sessions');
  const groupId = uniqueName('writer');
  const traffic = makeTraffic(RECORDS, 16, 1000);
  let url: string;
  let running: RunningWriter | undefined;

  const config = (): WriterConfigInput =>
    writerTestConfig(url, { rawTopic, sessionsTopic }, groupId);

  beforeAll(async () => {
    url = await freshDatabase('wkafka');
    await migrate(url);
    const { kafkaBrokers } = services();
    await createTopic(kafkaBrokers, rawTopic, 4);
    await createTopic(kafkaBrokers, sessionsTopic, 1);
    const kafka = kafkaClient(kafkaBrokers);
    await produce(kafka, rawTopic, traffic.messages);
    const event = (
      session: string,
      e: string,
      at: number,
      reason: string | null,
      messages: number,
    ) => ({
      key: '1000',
      value: JSON.stringify({
        session,
        room: 1000,
        collector: 'c1',
        transport: 'ws',
        endpoint: 'sim',
        event: e,
        at,
        reason,
        messages,
      }),
    });
    await produce(kafka, sessionsTopic, [
      event('a', 'connecting', DAY0, null, 0),
      event('a', 'connected', DAY0 + 100, null, 0),
      event('a', 'logged_in', DAY0 + 200, null, 0),
      event('a', 'closed', DAY0 + 60_000, 'socket closed', 4242),
      event('b', 'logged_in', DAY0 + 90_000, null, 0),
      { key: '1000', value: '{"session": 1}' },
    ]);
  });

  afterAll(async () => {
    await running?.stop();
  });

  it('100,000 records in: exactly the expected rows out, malformed records in ingest_errors', async () => {
    const started = Date.now();
    running = await startWriter({ config: parseWriterConfig(config()), logger: silentLogger });
    await waitFor(async () => (await committedRecords(url, groupId, rawTopic)) === RECORDS, {
      timeoutMs: 90_000,
      intervalMs: 250,
      what: 'all raw records committed',
    });
    console.info(`writer-kafka: ${RECORDS} records committed in ${Date.now() - started} ms`);
    await waitFor(async () => (await committedRecords(url, groupId, sessionsTopic)) === 6, {
      what: 'sessions committed',
    });
    const counts = await tableCounts(url);
    const e = traffic.expected;
    expect(counts).toEqual({
      ...e,
      errors: e.errors + 1,
      distinctSources: e.chat + e.gifts + e.entries + e.events,
    });
    expect(e.errors).toBe(100);

    const sessions = await withPg(url, (c) =>
      c.query(
        'SELECT session_id, connected_at, logged_in_at, closed_at, close_reason, messages FROM collect_sessions ORDER BY 1',
      ),
    );
    expect(sessions.rows).toEqual([
      {
        session_id: 'a',
        connected_at: new Date(DAY0 + 100),
        logged_in_at: new Date(DAY0 + 200),
        closed_at: new Date(DAY0 + 60_000),
        close_reason: 'socket closed',
        messages: '4242',
      },
      {
        session_id: 'b',
        connected_at: null,
        logged_in_at: new Date(DAY0 + 90_000),
        closed_at: null,
        close_reason: null,
        messages: '0',
      },
    ]);

    const metrics = await (await fetch(running.metricsServer?.url ?? '')).text();
    expect(metrics).toContain(`danmaku_writer_rows_written_total{table="chat_messages"} ${e.chat}`);
    expect(metrics).toContain(`danmaku_writer_ingest_errors_total{reason="invalid_key"} 50`);
    expect(metrics).toContain(`danmaku_writer_ingest_errors_total{reason="missing_type"} 50`);
    expect(metrics).toContain(`danmaku_writer_ingest_latency_seconds_count ${RECORDS}`);
    expect(metrics).toMatch(
      new RegExp(`danmaku_writer_consumer_lag_messages\\{topic="${rawTopic}",partition="0"\\} 0`),
    );
  });

  it('redelivering committed batches inserts nothing', async () => {
    await running?.stop();
    running = undefined;
    const before = await tableCounts(url);
    // Rewind the stored positions, as a seek racing a rebalance or an operator's replay would.
    await withPg(url, (c) =>
      c.query(
        'UPDATE ingest_offsets SET next_offset = greatest(0, next_offset - 7000) WHERE consumer_group = $1',
        [groupId],
      ),
    );
    running = await startWriter({ config: parseWriterConfig(config()), logger: silentLogger });
    await waitFor(async () => (await committedRecords(url, groupId, rawTopic)) === RECORDS, {
      timeoutMs: 60_000,
      what: 'replayed records committed',
    });
    expect(await tableCounts(url)).toEqual(before);
    const metrics = await (await fetch(running.metricsServer?.url ?? '')).text();
    const skipped =
      /danmaku_writer_duplicate_rows_skipped_total\{table="chat_messages"\} (\d+)/.exec(metrics);
    expect(Number(skipped?.[1])).toBeGreaterThan(10_000);
    expect(metrics).not.toMatch(/danmaku_writer_rows_written_total\{table="chat_messages"\} [1-9]/);
  });
});
