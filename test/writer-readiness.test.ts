import { createLogger } from '@danmaku/runtime';
import { migrate, parseWriterConfig, startWriter } from '@danmaku/writer';
import type { RunningWriter } from '@danmaku/writer';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createTopic,
  describeWithServices,
  kafkaClient,
  OwnPostgres,
  services,
  uniqueName,
  waitFor,
} from './support/index.js';
import {
  committedRecords,
  makeTraffic,
  produce,
  tableCounts,
  writerTestConfig,
} from './writer-traffic.js';

// The writer's /readyz and consumer lag while its database is down. The database is a cluster of
// this test's own (never the machine's shared one): stopped, records keep arriving, the writer
// turns not ready and its lag gauge climbs (measured from the high watermarks, not at commits);
// started again, it is ready, the lag falls to 0 and every record is stored exactly once.

const HALF = 400;

describeWithServices(['kafka'], 'writer readiness and lag while PostgreSQL is down', () => {
  const rawTopic = uniqueName('raw_ready');
  const sessionsTopic = uniqueName('sessions_ready');
  const groupId = uniqueName('writer_ready');
  let cluster: OwnPostgres | undefined;
  let running: RunningWriter | undefined;

  beforeAll(async () => {
    cluster = await OwnPostgres.create();
  }, 300_000);
  afterAll(async () => {
    await running?.stop();
    await cluster?.drop();
  });

  it('503 and rising lag while stopped; 200, lag 0 and every record once after', async () => {
    if (cluster === undefined) throw new Error('no cluster');
    const url = await cluster.createDatabase('wready');
    await migrate(url);
    const { kafkaBrokers } = services();
    await createTopic(kafkaBrokers, rawTopic, 2);
    await createTopic(kafkaBrokers, sessionsTopic, 1);
    running = await startWriter({
      config: parseWriterConfig({
        ...writerTestConfig(url, { rawTopic, sessionsTopic }, groupId),
        lagIntervalMs: 300,
        dbRetryInitialMs: 100,
        dbRetryMaxMs: 1_000,
      }),
      logger: createLogger({ level: 'error', pretty: false }),
      onFatal: (error) => {
        throw error;
      },
    });
    const metricsUrl = running.metricsServer?.url ?? '';
    const readyz = async () => {
      const response = await fetch(metricsUrl.replace(/\/metrics$/, '/readyz'));
      return { status: response.status, body: await response.text() };
    };
    const scrape = async () => (await fetch(metricsUrl)).text();
    const lag = async () => rawLag(await scrape(), rawTopic);
    const traffic = makeTraffic(2 * HALF, 4);
    const kafka = kafkaClient(kafkaBrokers);

    await produce(kafka, rawTopic, traffic.messages.slice(0, HALF));
    await waitFor(async () => (await committedRecords(url, groupId, rawTopic)) === HALF, {
      timeoutMs: 60_000,
      what: 'the first half stored',
    });
    await waitFor(async () => (await readyz()).status === 200, { what: 'ready' });
    await waitFor(async () => (await lag()) === 0, { what: 'lag 0 after the first half' });
    expect(await scrape()).toMatch(/^danmaku_build_info\{version="[^"]+",commit="[^"]+"\} 1$/m);

    await cluster.stop('fast');
    await produce(kafka, rawTopic, traffic.messages.slice(HALF));
    const down = await waitFor(
      async () => {
        const r = await readyz();
        return r.status === 503 ? r : undefined;
      },
      { timeoutMs: 20_000, what: '/readyz 503 with PostgreSQL down' },
    );
    expect(down?.body).toContain('database');
    // Nothing can commit while PostgreSQL is down: the gauge reaches exactly the second half.
    await waitFor(async () => (await lag()) === HALF, {
      timeoutMs: 20_000,
      what: `lag ${HALF} while stuck`,
    });
    expect((await readyz()).status).toBe(503);

    await cluster.start();
    await waitFor(async () => (await readyz()).status === 200, {
      timeoutMs: 60_000,
      what: '/readyz 200 after PostgreSQL is back',
    });
    await waitFor(async () => (await committedRecords(url, groupId, rawTopic)) === 2 * HALF, {
      timeoutMs: 60_000,
      what: 'every record stored',
    });
    await waitFor(async () => (await lag()) === 0, { timeoutMs: 20_000, what: 'lag back to 0' });
    const counts = await tableCounts(url);
    const { chat, gifts, entries, events } = traffic.expected;
    expect(counts).toMatchObject({ chat, gifts, entries, events, errors: 0 });
    expect(counts.distinctSources).toBe(chat + gifts + entries + events);
  }, 240_000);
});

/** Sum of danmaku_writer_consumer_lag_messages over the partitions of `topic` (NaN if absent). */
function rawLag(scrape: string, topic: string): number {
  const pattern = new RegExp(
    `^danmaku_writer_consumer_lag_messages\\{topic="${topic}",partition="\\d+"\\} (\\d+)$`,
    'gm',
  );
  const values = [...scrape.matchAll(pattern)].map((m) => Number(m[1]));
  return values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0);
}
