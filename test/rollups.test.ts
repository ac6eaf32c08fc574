// The daily rollups on PostgreSQL 15 and on PGlite, written through the writer's batch path:
// redelivered batches, a second collector's copies, a replay's rewind and rewrite, updates and a
// hand rebuild must all leave them equal to a recount from the raw rows; days split at UTC and at
// Asia/Shanghai midnight; covered minutes come from the collect sessions.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceEntry } from '@danmaku/records';
import {
  PartitionKeeper,
  migrate,
  normaliseRecords,
  pgPoolClient,
  pgliteClient,
  rewindToReplay,
  writeBatch,
  createPglite,
} from '@danmaku/writer';
import type { SqlClient } from '@danmaku/writer';
import { checkRollups, noMismatches } from './rollup-recount.js';
import { chats, copy, giftsAndEntries, sessions } from './rollups-dataset.js';
import { describeWithServices, freshDatabase } from './support/index.js';

function rollupSuite(open: () => Promise<SqlClient>): void {
  let db: SqlClient;
  const rows = async <Row>(sql: string) => (await db.query<Row>(sql)).rows;
  const write = (records: SourceEntry[]) =>
    writeBatch(db, new PartitionKeeper(db), 'rollups', normaliseRecords(records), []);
  const expectExact = async () => {
    const check = await checkRollups(rows);
    expect(check.mismatches).toEqual(noMismatches);
    return check.rows;
  };
  const summary = () =>
    rows(`SELECT day_zone, day::text, room_id, messages::int, chatters::int,
                 robot_messages::int, gift_events::int, gifts::int, entries::int,
                 round(covered_minutes::numeric, 3)::float8 AS covered
          FROM room_daily WHERE day < '2024-03-03' ORDER BY 1 DESC, 2, 3`);

  beforeAll(async () => {
    db = await open();
    await write([...chats, ...giftsAndEntries, ...sessions]);
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  it('room_daily counts per UTC day and per Asia/Shanghai day, with covered minutes', async () => {
    const counted = await expectExact();
    expect(counted.room_daily_counts).toBe(6);
    const row = (zone: string, day: string, room: number, counts: number[], covered: number) => {
      const [messages, chatters, robot, events, gifts, entries] = counts;
      return {
        day_zone: zone,
        day,
        room_id: room,
        messages,
        chatters,
        robot_messages: robot,
        gift_events: events,
        gifts,
        entries,
        covered,
      };
    };
    expect(await summary()).toEqual([
      row('UTC', '2024-03-01', 500, [5, 3, 2, 4, 13, 2], 120),
      row('UTC', '2024-03-01', 501, [1, 1, 0, 0, 0, 0], 0),
      row('UTC', '2024-03-01', 502, [0, 0, 0, 0, 0, 0], 60),
      row('UTC', '2024-03-01', 600, [0, 0, 0, 0, 0, 0], 15),
      row('UTC', '2024-03-02', 501, [1, 1, 0, 0, 0, 0], 0),
      row('UTC', '2024-03-02', 502, [0, 0, 0, 0, 0, 0], 1440),
      row('Asia/Shanghai', '2024-03-01', 500, [3, 2, 1, 2, 10, 1], 90),
      row('Asia/Shanghai', '2024-03-01', 600, [0, 0, 0, 0, 0, 0], 15),
      row('Asia/Shanghai', '2024-03-02', 500, [2, 2, 1, 2, 3, 1], 30),
      row('Asia/Shanghai', '2024-03-02', 501, [2, 1, 0, 0, 0, 0], 0),
      row('Asia/Shanghai', '2024-03-02', 502, [0, 0, 0, 0, 0, 0], 1020),
    ]);
  });

  it('top_chatters_daily and gift_totals_daily read the rollups', async () => {
    expect(
      await rows(`SELECT day::text, uid::int, nickname, messages::int, rank::int
                  FROM top_chatters_daily WHERE room_id = 500 ORDER BY rank, uid`),
    ).toEqual([
      { day: '2024-03-01', uid: 1, nickname: 'late', messages: 3, rank: 1 },
      { day: '2024-03-01', uid: 2, nickname: 'two', messages: 1, rank: 2 },
      { day: '2024-03-01', uid: 3, nickname: 'three', messages: 1, rank: 2 },
    ]);
    expect(
      await rows(`SELECT gift_id, gifts::int, senders::int, events::int
                  FROM gift_totals_daily ORDER BY gift_id`),
    ).toEqual([
      { gift_id: 824, gifts: 11, senders: 2, events: 3 },
      { gift_id: 825, gifts: 2, senders: 1, events: 1 },
    ]);
  });

  it('a redelivered batch and a second collector’s copy change nothing', async () => {
    const before = await summary();
    const result = await write([...chats, copy, ...giftsAndEntries.slice(2)]);
    expect(result.rows).toEqual({ chat_messages: 0, gifts: 0, user_entries: 0 });
    expect(await summary()).toEqual(before);
    await expectExact();
  });

  it('a replay’s rewind recounts the days it deleted from; writing again restores them', async () => {
    const before = await summary();
    await rewindToReplay(db, 'rollups', 'raw', [{ partition: 0, fromOffset: 3n }]);
    const counted = await expectExact();
    const shanghai = await rows<{ messages: number }>(
      `SELECT messages::int FROM room_daily_counts
       WHERE day_zone = 'Asia/Shanghai' AND room_id = 500 AND day = '2024-03-02'`,
    );
    expect(shanghai).toEqual([{ messages: 0 }]); // both its chats went, its gifts and entry stay
    expect(counted.chatter_daily).toBeGreaterThan(0);
    await write(chats.slice(3));
    expect(await summary()).toEqual(before);
    await expectExact();
  });

  it('an update (a data fix) and a hand rebuild after damage keep them exact', async () => {
    await db.query(`UPDATE chat_messages SET uid = 9, nickname = 'fixed' WHERE source_offset = 0`);
    await db.query(`UPDATE gifts SET gift_count = 50 WHERE gift_id = 825`);
    await expectExact();
    await db.query(`DELETE FROM room_daily_counts WHERE room_id = 500`);
    await db.query(`UPDATE chatter_daily SET messages = 99`);
    const [rebuilt] = await rows<{ keys: number }>(
      `SELECT danmaku_rebuild_rollups('2024-03-01', NULL) AS keys`,
    );
    expect(rebuilt?.keys).toBe(6);
    await expectExact();
  });

  it('NULL uid, gift id, gift count and nickname group like GROUP BY and count like count(col)', async () => {
    // What issue 18's "NULL for absent" will store; the columns are loosened here only.
    for (const [table, column] of [
      ['chat_messages', 'uid'],
      ['chat_messages', 'nickname'],
      ['gifts', 'uid'],
      ['gifts', 'gift_id'],
      ['gifts', 'gift_count'],
    ]) {
      await db.query(`ALTER TABLE ${table} ALTER COLUMN ${column} DROP NOT NULL`);
    }
    const chatColumns = `(received_at, room_id, cid, uid, nickname, text, level, badge_name,
      badge_level, badge_room_id, noble_level, colour, client_type, is_robot, is_cross_room, fields,
      source_partition, source_offset)`;
    await db.query(`INSERT INTO chat_messages ${chatColumns} VALUES
      ('2024-03-01T11:00Z', 500, 'n1', NULL, 'anon', '', 0, '', 0, 0, 0, 0, 0, false, false, '{}', 5, 1),
      ('2024-03-01T11:01Z', 500, 'n2', NULL, NULL, '', 0, '', 0, 0, 0, 0, 0, false, false, '{}', 5, 2),
      ('2024-03-01T11:02Z', 500, 'n3', 1, NULL, '', 0, '', 0, 0, 0, 0, 0, false, false, '{}', 5, 3)`);
    await db.query(`INSERT INTO gifts (received_at, room_id, uid, nickname, level, gift_id,
      gift_count, combo_hits, badge_name, badge_level, badge_room_id, is_cross_room, fields,
      source_partition, source_offset) VALUES
      ('2024-03-01T11:00Z', 500, NULL, '', 0, NULL, NULL, 0, '', 0, 0, false, '{}', 5, 4),
      ('2024-03-01T11:01Z', 500, NULL, '', 0, NULL, 3, 0, '', 0, 0, false, '{}', 5, 5)`);
    await expectExact();
    const [room] = await rows<{ messages: number; chatters: number; gift_events: number }>(
      `SELECT messages::int, chatters::int, gift_events::int FROM room_daily_counts
       WHERE day_zone = 'UTC' AND room_id = 500 AND day = '2024-03-01'`,
    );
    expect(room).toMatchObject({ messages: 8, gift_events: 6 });
    await db.query(`DELETE FROM chat_messages WHERE source_partition = 5`);
    await db.query(`DELETE FROM gifts WHERE source_partition = 5 AND source_offset = 4`);
    await expectExact();
  });
}

describeWithServices(['postgres'], 'daily rollups on PostgreSQL', () => {
  rollupSuite(async () => {
    const url = await freshDatabase('rollups');
    await migrate(url);
    return pgPoolClient(new pg.Pool({ connectionString: url, max: 2 }));
  });
});

describe('daily rollups on PGlite', () => {
  rollupSuite(async () => {
    const lite = await createPglite();
    await migrate(lite);
    return pgliteClient(lite);
  });
});
