// Shared by the writer integration suites: a deterministic raw-record stream in the
// douyu.raw.v1 contract (key = room, value = STT body, timestamp = receive time, headers type,
// session, collector, seq), the rows it must produce, and small database helpers.
import type { WriterConfigInput } from '@danmaku/writer';
import type { Kafka, Message } from 'kafkajs';
import { services, withPg } from './support/index.js';

export const DAY0 = Date.UTC(2024, 6, 1, 10);

export interface Traffic {
  /** Kafka messages, in order. */
  messages: Message[];
  expected: { chat: number; gifts: number; entries: number; events: number; errors: number };
}

/**
 * `count` records over `rooms` rooms: 70% chatmsg (unique cid), 10% dgb, 10% uenter, 10% other
 * types; every `poisonEvery`-th record is malformed (bad key or no type) instead.
 */
export function makeTraffic(count: number, rooms = 8, poisonEvery = 0, startMs = DAY0): Traffic {
  const expected = { chat: 0, gifts: 0, entries: 0, events: 0, errors: 0 };
  const messages: Message[] = [];
  for (let i = 0; i < count; i++) {
    const room = 1000 + (i % rooms);
    const uid = 1 + (i % 997);
    let value: string;
    let key = String(room);
    if (poisonEvery > 0 && i % poisonEvery === poisonEvery - 1) {
      expected.errors++;
      const badKey = Math.floor(i / poisonEvery) % 2 === 0;
      if (badKey) key = 'not-a-room';
      value = badKey ? `type@=chatmsg/rid@=${room}/` : `garbage ${i}`;
    } else if (i % 10 < 7) {
      expected.chat++;
      value = `type@=chatmsg/rid@=${room}/uid@=${uid}/nn@=用户${uid}/txt@=弹幕 ${i} 加油@S/cid@=cid${i}/level@=${i % 60}/bnn@=鱼丸/bl@=${i % 20}/brid@=${room}/col@=${i % 7}/ct@=${i % 3}/cst@=${startMs + i}/${i % 5 === 0 ? '' : 'dms@=8/'}`;
    } else if (i % 10 === 7) {
      expected.gifts++;
      value = `type@=dgb/rid@=${room}/gfid@=${824 + (i % 5)}/gfcnt@=${1 + (i % 3)}/hits@=${i % 50}/uid@=${uid}/nn@=用户${uid}/level@=3/`;
    } else if (i % 10 === 8) {
      expected.entries++;
      value = `type@=uenter/rid@=${room}/uid@=${uid}/nn@=用户${uid}/level@=9/nl@=${i % 7}/`;
    } else {
      expected.events++;
      // endtime differs per record: the writer stores a body repeated within its merge window
      // once (two collectors), and these are distinct events.
      value = `type@=rss/rid@=${room}/ss@=${i % 2}/code@=0/rt@=0/notify@=0/endtime@=${i}/`;
    }
    messages.push({
      key,
      value,
      timestamp: String(startMs + i),
      headers: {
        type: value.slice(6, value.indexOf('/')),
        session: `s-${room}`,
        collector: 'c1',
        seq: String(i),
      },
    });
  }
  return { messages, expected };
}

/** Idempotent producer, sent in chunks (one produce request each). */
export async function produce(
  kafka: Kafka,
  topic: string,
  messages: Message[],
  chunk = 5000,
): Promise<void> {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    for (let i = 0; i < messages.length; i += chunk) {
      await producer.send({ topic, acks: -1, messages: messages.slice(i, i + chunk) });
    }
  } finally {
    await producer.disconnect();
  }
}

export interface TableCounts {
  chat: number;
  gifts: number;
  entries: number;
  events: number;
  errors: number;
  /** Distinct (partition, offset) over the four event tables: equals the row total when no row is doubled. */
  distinctSources: number;
}

export async function tableCounts(url: string): Promise<TableCounts> {
  return withPg(url, async (c) => {
    const r = await c.query<Record<string, number>>(`SELECT
      (SELECT count(*)::int FROM chat_messages) AS chat,
      (SELECT count(*)::int FROM gifts) AS gifts,
      (SELECT count(*)::int FROM user_entries) AS entries,
      (SELECT count(*)::int FROM room_events) AS events,
      (SELECT count(*)::int FROM ingest_errors) AS errors,
      (SELECT count(*)::int FROM (
        SELECT source_partition, source_offset FROM chat_messages UNION
        SELECT source_partition, source_offset FROM gifts UNION
        SELECT source_partition, source_offset FROM user_entries UNION
        SELECT source_partition, source_offset FROM room_events) s) AS "distinctSources"`);
    return r.rows[0] as unknown as TableCounts;
  });
}

/** Sum of the stored next offsets of one group and topic: the records committed so far. */
export async function committedRecords(url: string, group: string, topic: string): Promise<number> {
  return withPg(url, async (c) => {
    const r = await c.query<{ n: string | null }>(
      'SELECT sum(next_offset)::text AS n FROM ingest_offsets WHERE consumer_group = $1 AND topic = $2',
      [group, topic],
    );
    return Number(r.rows[0]?.n ?? 0);
  });
}

/** A writer for these suites: this run's Kafka, no migrations, metrics on a free local port. */
export function writerTestConfig(
  databaseUrl: string,
  topics: { rawTopic: string; sessionsTopic: string },
  groupId: string,
): WriterConfigInput {
  return {
    databaseUrl,
    kafkaBrokers: services().kafkaBrokers,
    ...topics,
    groupId,
    migrate: false,
    metricsPort: 0,
    metricsHost: '127.0.0.1',
    maxWaitMs: 100,
  };
}
