// Privacy end to end: Douyu's loginres tells the client its own public address (`ip`), and no
// client address may be stored anywhere. The simulator puts a TEST-NET-1 address there
// (documentationAddress); after the whole pipeline ran, it is in no PostgreSQL table (every
// column, jsonb and bytea included) and in no record of the raw or sessions topic.
import { loadCollectorConfig, startCollector, type Collector } from '@danmaku/collector';
import { silentLogger } from '@danmaku/runtime';
import { startSimulator, type Simulator } from '@danmaku/simulator';
import { documentationAddress } from '@danmaku/simulator/testing';
import { migrate, parseWriterConfig, startWriter, type RunningWriter } from '@danmaku/writer';
import { afterAll, expect, it } from 'vitest';
import { cleanEnv, DANMAKU_BIN, killLeftoverJobs, spawnJob } from './cli-support.js';
import { readTopic, type ConsumedRecord } from './collector-support.js';
import { scanDatabase, scanRecords, type DatabaseScan } from './privacy-scan.js';
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
import { writerTestConfig } from './writer-traffic.js';

// Every session's address is 192.0.2.<n>: the /24 prefix finds any of them.
const ADDRESS_PREFIX = documentationAddress(0).replace(/\d+$/, '');
const TIMEOUT_MS = 240_000;

const loginresRows = (url: string) =>
  withPg(url, async (c) => {
    const r = await c.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM room_events WHERE type = 'loginres'`,
    );
    return r.rows[0]?.n ?? 0;
  });

/** The scan looked at the pipeline's tables, with rows in them, and found the address nowhere. */
function expectNowhere(scan: DatabaseScan): void {
  expect(scan.hits).toEqual([]);
  for (const table of ['room_events', 'chat_messages', 'collect_sessions', 'ingest_offsets']) {
    expect(scan.tables).toContain(`"public"."${table}"`);
  }
  expect(scan.rows).toBeGreaterThan(100);
}

describeWithServices(['postgres'], 'privacy: the loginres address in PostgreSQL', () => {
  afterAll(killLeftoverJobs);

  it('the scan finds an address in text, jsonb, arrays and bytea, in any schema', async () => {
    expect(ADDRESS_PREFIX).toBe('192.0.2.');
    const url = await freshDatabase('privprobe');
    await withPg(url, async (c) => {
      await c.query(`CREATE SCHEMA probe`);
      await c.query(`CREATE TABLE probe.t (s text, j jsonb, a text[], b bytea, n int)`);
      await c.query(
        `INSERT INTO probe.t VALUES ('x', '{}', '{}', '\\x00', 1), ($1, $2, $3, convert_to($1, 'UTF8'), 2)`,
        [`at ${ADDRESS_PREFIX}7`, { nested: { ip: `${ADDRESS_PREFIX}7` } }, [`${ADDRESS_PREFIX}7`]],
      );
      const scan = await scanDatabase(c, ADDRESS_PREFIX);
      expect(scan.tables).toEqual(['"probe"."t"']);
      expect(scan.hits).toEqual(
        ['s', 'j', 'a', 'b'].map((column) => ({ table: 'probe.t', column, rows: 1 })),
      );
    });
  });

  it(
    'danmaku run --simulate on PostgreSQL: stored nowhere',
    async () => {
      const url = await freshDatabase('privrun');
      const env = cleanEnv({ DATABASE_URL: url, DANMAKU_STATUS_INTERVAL_MS: '500' });
      const run = spawnJob(process.execPath, [DANMAKU_BIN, 'run', '--simulate'], env);
      await run.waitForOut(/first rows written/);
      // Each of the three rooms logged in once: its loginres is stored, without the address.
      await waitFor(async () => (await loginresRows(url)) >= 3, {
        timeoutMs: 60_000,
        what: 'the loginres of every room stored',
      });
      await run.waitForOut(/ \| [1-9][\d,]{2,} rows written/);
      run.interrupt();
      expect(await run.exited, run.err()).toBe(0);
      const scan = await withPg(url, (c) => scanDatabase(c, ADDRESS_PREFIX));
      expectNowhere(scan);
      // The positive control on the same rows: the loginres's other fields are there.
      const control = await withPg(url, (c) => scanDatabase(c, '"sid": "72256"'));
      const rows = await loginresRows(url);
      expect(control.hits).toEqual([{ table: 'public.room_events', column: 'fields', rows }]);
    },
    TIMEOUT_MS,
  );
});

const ROOMS = [7001, 7002, 7003, 7004];

describeWithServices(['postgres', 'kafka'], 'privacy: collector → Kafka → writer', () => {
  let sim: Simulator | undefined;
  let collector: Collector | undefined;
  let writer: RunningWriter | undefined;
  afterAll(async () => {
    await collector?.close();
    await writer?.stop();
    await sim?.close();
  });

  it(
    'the address of every session is in no topic record and in no table',
    async () => {
      const { kafkaBrokers } = services();
      const topics = { rawTopic: uniqueName('rawpriv'), sessionsTopic: uniqueName('sespriv') };
      await createTopic(kafkaBrokers, topics.rawTopic, 2);
      await createTopic(kafkaBrokers, topics.sessionsTopic, 1);
      const url = await freshDatabase('privkafka');
      await migrate(url);
      // The first dozen sessions end after a second, so rooms log in again: many sessions, many
      // addresses; the ones after stay.
      sim = await startSimulator({
        seed: 17,
        listen: { ws: [0], tcp: [] },
        traffic: { messagesPerSecond: 10 },
        faultsFor: (c) => (c.connectionId <= 12 ? { closeAfterMs: 1_000 } : undefined),
      });
      collector = await startCollector(
        loadCollectorConfig({
          COLLECTOR_ID: 'privacy',
          ROOMS: ROOMS.join(','),
          DOUYU_ENDPOINTS: sim.wsUrl(),
          KAFKA_BROKERS: kafkaBrokers.join(','),
          KAFKA_RAW_TOPIC: topics.rawTopic,
          KAFKA_SESSIONS_TOPIC: topics.sessionsTopic,
          HTTP_PORT: '0',
          HTTP_HOST: '127.0.0.1',
          LOG_LEVEL: 'error',
        }),
        { backoff: { baseMs: 100, capMs: 500 } },
      );
      writer = await startWriter({
        config: parseWriterConfig(writerTestConfig(url, topics, uniqueName('writerpriv'))),
        logger: silentLogger,
      });
      const simulator = sim;
      await waitFor(() => loginsSent(simulator) >= 12 + ROOMS.length, {
        timeoutMs: 90_000,
        what: `${12 + ROOMS.length} logins (have ${loginsSent(simulator)})`,
      });
      await collector.close();
      const truth = sim.groundTruth({ cids: false });
      const addresses = truth.sessions
        .filter((s) => (s.countsByType['loginres'] ?? 0) > 0)
        .map((s) => documentationAddress(s.sessionId));
      expect(addresses.every((a) => a.startsWith(ADDRESS_PREFIX))).toBe(true);

      const raw = await readAll(kafkaBrokers, topics.rawTopic);
      const sessions = await readAll(kafkaBrokers, topics.sessionsTopic);
      const loginres = raw.filter((r) => r.headers['type'] === 'loginres');
      // The collector heard a loginres for at least every room, and produced each one, redacted.
      expect(loginres.length).toBeGreaterThanOrEqual(ROOMS.length);
      expect(scanRecords(raw, ADDRESS_PREFIX)).toEqual([]);
      expect(scanRecords(sessions, ADDRESS_PREFIX)).toEqual([]);
      expect(scanRecords(loginres, 'sid@=72256/')).toHaveLength(loginres.length);

      // The writer stored every loginres of the topic.
      await waitFor(async () => (await loginresRows(url)) === loginres.length, {
        timeoutMs: 60_000,
        what: `${loginres.length} loginres rows`,
      });
      await writer.stop();
      writer = undefined;
      expectNowhere(await withPg(url, (c) => scanDatabase(c, ADDRESS_PREFIX)));
      console.info(
        `privacy: ${addresses.length} session addresses, ${raw.length} raw records, ` +
          `${loginres.length} loginres: found nowhere`,
      );
    },
    TIMEOUT_MS,
  );
});

function loginsSent(sim: Simulator): number {
  const truth = sim.groundTruth({ cids: false });
  return truth.sessions.reduce((sum, s) => sum + (s.countsByType['loginres'] ?? 0), 0);
}

/** Every record of the topic, up to its high watermark when called. */
async function readAll(brokers: string[], topic: string): Promise<ConsumedRecord[]> {
  const admin = kafkaClient(brokers).admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const total = offsets.reduce((sum, { high, low }) => sum + Number(high) - Number(low), 0);
  const reader = await readTopic(brokers, topic);
  try {
    await reader.waitForCount(total);
    return [...reader.records];
  } finally {
    await reader.close();
  }
}
