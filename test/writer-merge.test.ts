// Issue 17 item 4: two collectors on one room, one row per message. Through the writer service
// (Kafka → PostgreSQL), then a replay of the whole topic in other batch sizes; and the same on
// PGlite through the writer's exactly-once step (embedded mode writes through it too).
import { afterAll, describe, expect, it } from 'vitest';
import { decodeKafkaMessage } from '@danmaku/records';
import { silentLogger } from '@danmaku/runtime';
import {
  PartitionKeeper,
  createPglite,
  migrate,
  normaliseRecords,
  parseWriterConfig,
  pgliteClient,
  startWriter,
  writeBatch,
} from '@danmaku/writer';
import type { RunningWriter } from '@danmaku/writer';
import {
  keptOffsets,
  mergeExpected,
  mergeMessages,
  mergeRecords,
  mergeRollupExpected,
  mergeRollupSql,
  storedOffsetsSql,
  tableCountsSql,
} from './merge-dataset.js';
import { checkRollups, checkRollupsAt, noMismatches } from './rollup-recount.js';
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
import { committedRecords, produce, writerTestConfig } from './writer-traffic.js';

const records = mergeRecords();
const messages = mergeMessages(records);

describeWithServices(['postgres', 'kafka'], 'writer: the merge of two collectors', () => {
  const writers: RunningWriter[] = [];
  afterAll(async () => {
    for (const w of writers) await w.stop();
  });

  async function writeAll(url: string, topics: { rawTopic: string; sessionsTopic: string }) {
    const groupId = uniqueName('wmerge');
    const maxBatchRecords = 7 + writers.length * 50;
    const running = await startWriter({
      config: parseWriterConfig({
        ...writerTestConfig(url, topics, groupId),
        metricsPort: -1,
        maxBatchRecords,
      }),
      logger: silentLogger,
    });
    writers.push(running);
    await waitFor(
      async () => (await committedRecords(url, groupId, topics.rawTopic)) === messages.length,
      { timeoutMs: 60_000, what: `all ${messages.length} records committed (${groupId})` },
    );
    await running.stop();
  }

  async function stored(url: string) {
    return withPg(url, async (c) => ({
      counts: (await c.query<Record<string, number>>(tableCountsSql)).rows[0],
      offsets: (await c.query<{ o: string }>(storedOffsetsSql)).rows.map((r) => r.o),
      rollup: (await c.query<Record<string, number>>(mergeRollupSql)).rows,
    }));
  }

  it('stores each message once, the first copy, with the rollups counting it once; a replay adds nothing', async () => {
    const url = await freshDatabase('wmerge');
    await migrate(url);
    const topics = { rawTopic: uniqueName('rawmerge'), sessionsTopic: uniqueName('sesmerge') };
    await createTopic(services().kafkaBrokers, topics.rawTopic, 1);
    await createTopic(services().kafkaBrokers, topics.sessionsTopic, 1);
    await produce(kafkaClient(services().kafkaBrokers), topics.rawTopic, messages);

    // Batches of 7: many pairs are split between two batches (the merge state is the table).
    await writeAll(url, topics);
    const first = await stored(url);
    expect(first.counts).toEqual(mergeExpected);
    expect(first.offsets).toEqual(keptOffsets(records));
    expect(first.rollup).toEqual([mergeRollupExpected]);
    expect((await checkRollupsAt(url)).mismatches).toEqual(noMismatches);

    // A replay: a new consumer group re-reads the topic from the start, in batches of 57.
    await writeAll(url, topics);
    expect(await stored(url)).toEqual(first);
    expect((await checkRollupsAt(url)).mismatches).toEqual(noMismatches);
  });
});

describe('writer on PGlite: the merge of two collectors', () => {
  it('stores each message once in batches of 5; writing it all again in one batch adds nothing', async () => {
    const lite = await createPglite();
    await migrate(lite);
    const db = pgliteClient(lite);
    try {
      const entries = messages.map((m, i) =>
        decodeKafkaMessage({ raw: 'raw', sessions: 'sessions' }, 'raw', -1, {
          offset: String(i),
          key: Buffer.from(String(m.key)),
          value: Buffer.from(String(m.value)),
          timestamp: String(m.timestamp),
          headers: m.headers ?? {},
        }),
      );
      const partitions = new PartitionKeeper(db);
      for (let i = 0; i < entries.length; i += 5) {
        await writeBatch(db, partitions, 'lite', normaliseRecords(entries.slice(i, i + 5)), []);
      }
      const query = async <Row>(text: string) => (await db.query(text)).rows as Row[];
      const counts = await query(tableCountsSql);
      expect(counts).toEqual([mergeExpected]);
      const offsets = (await query<{ o: string }>(storedOffsetsSql)).map((r) => r.o);
      expect(offsets).toEqual(keptOffsets(records));
      expect(await query(mergeRollupSql)).toEqual([mergeRollupExpected]);

      const again = await writeBatch(db, partitions, 'lite', normaliseRecords(entries), []);
      expect(Object.values(again.rows).filter((n) => n !== 0)).toEqual([]);
      expect(again.offered).toMatchObject({ gifts: 2 * 30 + 5, user_entries: 2 * 30 + 2 });
      expect(await query(tableCountsSql)).toEqual(counts);
      expect((await checkRollups(query)).mismatches).toEqual(noMismatches);
    } finally {
      await db.close();
    }
  }, 60_000);
});
