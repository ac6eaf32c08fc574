// Hostile bodies through the real writer (startWriter, fed by the in-process channel) into
// PostgreSQL (COPY) and PGlite (UNNEST): absent fields are NULL, garbled or too-big numbers are
// NULL with their text kept in fields, and danmaku_writer_values_unparsed_total counts the latter.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordChannel } from '@danmaku/records';
import { silentLogger } from '@danmaku/runtime';
import {
  createPglite,
  migrate,
  parseWriterConfig,
  pgliteDatabase,
  pgPoolClient,
  startWriter,
} from '@danmaku/writer';
import type { Database, RunningWriter } from '@danmaku/writer';
import { describeWithServices, freshDatabase } from './support/index.js';

const T0 = Date.UTC(2026, 10, 5, 8);
const ROOM = 100;

const bodies = [
  // uid is not a number.
  'type@=uenter/rid@=100/uid@=notanumber/nn@=x/level@=5/',
  // A 23-digit uid: no integer column the writer reads holds it.
  'type@=dgb/rid@=100/uid@=12345678901234567890123/gfid@=824/gfcnt@=2/hits@=1/nn@=y/',
  // No badge fields at all, no nl, col or ct: NULL, not 0 or ''; not counted.
  'type@=chatmsg/rid@=100/uid@=7/nn@=z/txt@=hi/cid@=c1/level@=3/dms@=1/',
  // Numbers too big for int4 (level, gfcnt), and a gift count that is not a number.
  'type@=chatmsg/rid@=100/uid@=8/nn@=w/txt@=yo/cid@=c2/level@=3000000000/bnn@=/bl@=0/brid@=0/dms@=1/',
  'type@=dgb/rid@=100/uid@=9/gfid@=825/gfcnt@=99999999999/hits@=2/',
  'type@=dgb/rid@=100/uid@=9/gfid@=825/gfcnt@=lots/hits@=3/',
];

const config = (insertMethod: 'copy' | 'unnest') =>
  parseWriterConfig({
    mode: 'embedded',
    migrate: true,
    metricsPort: -1,
    maxWaitMs: 20,
    insertMethod,
  });

type Row = Record<string, unknown>;

function nullSuite(open: () => Promise<Database>, insertMethod: 'copy' | 'unnest'): void {
  let database: Database;
  let running: RunningWriter;
  const rows = async (sql: string): Promise<Row[]> => (await database.client.query<Row>(sql)).rows;

  beforeAll(async () => {
    database = await open();
    const cfg = config(insertMethod);
    const queue = new RecordChannel({
      capacity: 100,
      topics: { raw: cfg.rawTopic, sessions: cfg.sessionsTopic },
      maxBatchRecords: cfg.maxBatchRecords,
      lingerMs: cfg.maxWaitMs,
    });
    running = await startWriter({ config: cfg, source: queue, database, logger: silentLogger });
    bodies.forEach((body, i) => {
      void queue.send({
        room: ROOM,
        body: Buffer.from(body),
        receivedAtMs: T0 + i,
        type: '',
        session: 's',
        collector: 'c',
        seq: i,
      });
    });
    await running.stop(); // drains the queue
  }, 60_000);
  afterAll(async () => {
    await database.client.close();
  });

  it('stores uid NULL for uid@=notanumber in uenter, the text in fields', async () => {
    expect(
      await rows(
        `SELECT uid, nickname, level, noble_level, fields->>'uid' AS raw FROM user_entries`,
      ),
    ).toEqual([{ uid: null, nickname: 'x', level: 5, noble_level: null, raw: 'notanumber' }]);
  });

  it('stores uid NULL for a 23-digit uid in dgb, and NULL gift counts that do not parse or fit', async () => {
    expect(
      await rows(`SELECT uid::int AS uid, gift_id, gift_count, combo_hits, nickname, badge_level,
                         fields->>'uid' AS raw_uid, fields->>'gfcnt' AS raw_count
                  FROM gifts ORDER BY source_offset`),
    ).toEqual([
      {
        uid: null,
        gift_id: 824,
        gift_count: 2,
        combo_hits: 1,
        nickname: 'y',
        badge_level: null,
        raw_uid: '12345678901234567890123',
        raw_count: '2',
      },
      {
        uid: 9,
        gift_id: 825,
        gift_count: null,
        combo_hits: 2,
        nickname: null,
        badge_level: null,
        raw_uid: '9',
        raw_count: '99999999999',
      },
      {
        uid: 9,
        gift_id: 825,
        gift_count: null,
        combo_hits: 3,
        nickname: null,
        badge_level: null,
        raw_uid: '9',
        raw_count: 'lots',
      },
    ]);
  });

  it('stores absent badge fields as NULL, real zeros and empty names as sent', async () => {
    expect(
      await rows(`SELECT cid, uid::int, level, badge_name, badge_level, badge_room_id, noble_level,
                         colour, client_type, fields->>'level' AS raw_level
                  FROM chat_messages ORDER BY cid`),
    ).toEqual([
      {
        cid: 'c1',
        uid: 7,
        level: 3,
        badge_name: null,
        badge_level: null,
        badge_room_id: null,
        noble_level: null,
        colour: null,
        client_type: null,
        raw_level: '3',
      },
      {
        cid: 'c2',
        uid: 8,
        level: null,
        badge_name: '',
        badge_level: 0,
        badge_room_id: 0,
        noble_level: null,
        colour: null,
        client_type: null,
        raw_level: '3000000000',
      },
    ]);
  });

  it('counts each present value stored NULL by table and column, and nothing that was absent', async () => {
    const counted = (await running.metrics.valuesUnparsed.get()).values;
    expect(
      counted
        .filter((v) => v.value > 0)
        .map((v) => `${v.labels.table}.${v.labels.column}=${v.value}`)
        .sort(),
    ).toEqual(['chat_messages.level=1', 'gifts.gift_count=2', 'gifts.uid=1', 'user_entries.uid=1']);
    // Every known (table, column) is exported from 0, so a first NULL shows in increase().
    expect(counted).toHaveLength(18);
  });
}

describeWithServices(['postgres'], 'NULL for absent on PostgreSQL (COPY)', () => {
  nullSuite(async () => {
    const url = await freshDatabase('wnulls');
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    // startWriter migrates it (config migrate: true).
    return { client: pgPoolClient(pool, { ownsPool: true }), migrate: (o) => migrate(url, o) };
  }, 'copy');
});

describe('NULL for absent on PGlite (UNNEST)', () => {
  nullSuite(async () => pgliteDatabase(await createPglite()), 'unnest');
});
