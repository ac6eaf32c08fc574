import type { PGlite } from '@electric-sql/pglite';
import { createPglite } from './create-pglite.js';
import { RecordChannel } from '@danmaku/records';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseWriterConfig } from './config.js';
import { pgliteDatabase } from './database.js';
import type { Database } from './database.js';
import { silentLogger } from '@danmaku/runtime';
import { migrationCount } from './migrate.js';
import { dropPartitionsOlderThan, ensurePartitions } from './partitions.js';
import { startWriter } from './service.js';

// The embedded mode end to end on PGlite (in memory): the same migrations, SQL and Writer as the
// PostgreSQL service, fed by the in-process channel.

const T0 = Date.UTC(2024, 5, 1, 8);
let lite: PGlite;
let database: Database;

const config = parseWriterConfig({
  mode: 'embedded',
  migrate: false,
  metricsPort: -1,
  maxWaitMs: 20,
});
const channel = (capacity: number) =>
  new RecordChannel({
    capacity,
    topics: { raw: config.rawTopic, sessions: config.sessionsTopic },
    maxBatchRecords: config.maxBatchRecords,
    lingerMs: config.maxWaitMs,
  });
const record = (room: number, body: string, receivedAtMs: number, seq = 0) => ({
  room,
  body: Buffer.from(body),
  receivedAtMs,
  type: '',
  session: 's',
  collector: 'c',
  seq,
});
const chat = (cid: string, uid: number, text: string) =>
  `type@=chatmsg/rid@=100/uid@=${uid}/nn@=u${uid}/txt@=${text}/cid@=${cid}/level@=5/dms@=1/`;

async function count(table: string): Promise<number> {
  const r = await database.client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return r.rows[0]?.n ?? -1;
}

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200 && !(await check()); i++) await new Promise((r) => setTimeout(r, 25));
}

// PGlite compiles its WASM on first use: seconds on a busy 2-core machine.
beforeAll(async () => {
  lite = await createPglite();
  database = pgliteDatabase(lite);
}, 60_000);
afterAll(async () => {
  await lite.close();
});

describe('embedded writer on PGlite', () => {
  it('migrates once, then finds nothing to do', async () => {
    expect(await database.migrate()).toEqual({
      applied: migrationCount(),
      total: migrationCount(),
    });
    expect(await database.migrate()).toEqual({ applied: 0, total: migrationCount() });
  });

  it('creates and drops daily partitions', async () => {
    expect(await ensurePartitions(database.client, '2020-01-01', 2)).toBe(8);
    expect(await ensurePartitions(database.client, '2020-01-01', 2)).toBe(0);
    expect(await dropPartitionsOlderThan(database.client, 1, '2020-01-03')).toBe(4);
    expect(await dropPartitionsOlderThan(database.client, 1, '2020-01-03')).toBe(0);
  });

  it('drains the queue exactly once, dedupes chat on cid, keeps poison, and resumes the sequence', async () => {
    const queue = channel(1000);
    const running = await startWriter({
      config,
      source: queue,
      database: { ...database, client: unclosable() },
      logger: silentLogger,
    });
    const raw = (body: string, i: number, room = 100) =>
      void queue.send(record(room, body, T0 + i, i));
    raw(chat('c1', 1, 'hi'), 0);
    raw(chat('c1', 1, 'hi'), 1); // the same message from a second collector
    raw(chat('c2', 2, 'yo'), 2);
    raw('type@=dgb/rid@=100/gfid@=1/gfcnt@=3/hits@=9/uid@=2/', 3);
    raw('type@=uenter/rid@=100/uid@=3/nn@=x/', 4);
    raw('type@=rss/rid@=100/ss@=1/', 5);
    raw('garbage', 6);
    raw('type@=mrkl/', 7, 0);
    await until(async () => (await storedOffset()) === 8n);
    await running.stop();
    expect(await storedOffset()).toBe(8n);
    expect(await count('chat_messages')).toBe(2);
    expect(await count('gifts')).toBe(1);
    expect(await count('user_entries')).toBe(1);
    expect(await count('room_events')).toBe(1);
    const errors = await database.client.query<{ reason: string; source_offset: string }>(
      `SELECT reason, "offset"::text AS source_offset FROM ingest_errors ORDER BY "offset"`,
    );
    expect(errors.rows).toEqual([
      { reason: 'missing_type', source_offset: '6' },
      { reason: 'invalid_key', source_offset: '7' },
    ]);

    const again = channel(10);
    const restarted = await startWriter({
      config,
      source: again,
      database: { ...database, client: unclosable() },
      logger: silentLogger,
    });
    void again.send(record(100, chat('c3', 3, 'new'), T0 + 9));
    await restarted.stop(); // stop drains the queue
    const last = await database.client.query<{ source_offset: string }>(
      `SELECT source_offset::text FROM chat_messages WHERE cid = 'c3'`,
    );
    expect(last.rows).toEqual([{ source_offset: '8' }]);
    expect(await storedOffset()).toBe(9n);
  });
});

describe('a value PostgreSQL rejects', () => {
  it('goes to ingest_errors as database_rejected; the rest of the batch is stored', async () => {
    const queue = channel(100);
    const before = await count('room_events');
    // A type too long for the (type, received_at) btree: PostgreSQL refuses the index row.
    const hugeType = Array.from({ length: 4000 }, (_, i) =>
      String.fromCharCode(0x4e00 + ((i * 7919) % 20000)),
    ).join('');
    const bodies = ['type@=ok1/', `type@=${hugeType}/`, 'type@=ok2/'];
    bodies.forEach((value, i) => void queue.send(record(100, value, T0 + 100 + i)));
    const running = await startWriter({
      config,
      source: queue,
      database: { ...database, client: unclosable() },
      logger: silentLogger,
    });
    await running.stop();
    expect(await count('room_events')).toBe(before + 2);
    const rejected = await database.client.query<{ reason: string; detail: string; bytes: number }>(
      `SELECT reason, detail, length(raw_value)::int AS bytes FROM ingest_errors WHERE reason = 'database_rejected'`,
    );
    expect(rejected.rows).toEqual([
      {
        reason: 'database_rejected',
        detail: expect.stringMatching(/index row/) as unknown,
        bytes: Buffer.byteLength(bodies[1] ?? ''),
      },
    ]);
    const retries = await running.metrics.dbRetries.get();
    // Every kind is exported from 0; only `data` counted.
    expect(retries.values.filter((v) => v.value > 0)).toEqual([
      { labels: { kind: 'data' }, value: 1 },
    ]);
  });
});

async function storedOffset(): Promise<bigint | undefined> {
  const r = await database.client.query<{ next_offset: string }>(
    `SELECT next_offset::text FROM ingest_offsets WHERE topic = 'embedded-queue' AND partition = -1`,
  );
  const v = r.rows[0]?.next_offset;
  return v === undefined ? undefined : BigInt(v);
}

function unclosable() {
  return { ...database.client, close: () => Promise.resolve() };
}
