// Rows stored before NULL for absent (0 and '' defaults) are migrated from their own `fields`:
// migrate up to the migration before it, store old-style rows, apply the rest, compare. On
// PostgreSQL 15 and PGlite. The split point is found by name, so renumbering cannot break it.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createPglite,
  defaultMigrationsFolder,
  migrate,
  pgliteClient,
  pgPoolClient,
} from '@danmaku/writer';
import type { SqlClient } from '@danmaku/writer';
import { describeWithServices, freshDatabase } from './support/index.js';

const FIRST_NULLABLE = '_douyu_fields_nullable';

/** A migrations folder holding only the migrations before NULL for absent. */
function migrationsBeforeNulls(): string {
  const journal = JSON.parse(
    readFileSync(join(defaultMigrationsFolder, 'meta', '_journal.json'), 'utf8'),
  ) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag.endsWith(FIRST_NULLABLE));
  if (at < 1) throw new Error(`no migration named *${FIRST_NULLABLE} in the journal`);
  const folder = mkdtempSync(join(tmpdir(), 'danmaku-migrations-'));
  mkdirSync(join(folder, 'meta'));
  const entries = journal.entries.slice(0, at);
  for (const { tag } of entries) {
    copyFileSync(join(defaultMigrationsFolder, `${tag}.sql`), join(folder, `${tag}.sql`));
  }
  writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }));
  return folder;
}

const DAY = '2026-10-01';
const at = (n: number) => `'${DAY} 00:00:0${n}+00'`;
const f = (fields: Record<string, string>) => `'${JSON.stringify(fields)}'::jsonb`;

// As the old writer stored them: 0 for absent or garbled numbers, '' for absent text.
const oldRows = [
  `INSERT INTO chat_messages (received_at, room_id, cid, uid, nickname, text, level, badge_name,
     badge_level, badge_room_id, noble_level, colour, client_type, sent_at, is_robot,
     is_cross_room, fields, source_partition, source_offset) VALUES
   (${at(1)}, 1, 'c1', 7, 'full', 'hi', 0, 'fans', 3, 9, 2, 1, 14, NULL, false, false,
    ${f({ type: 'chatmsg', cid: 'c1', uid: '7', nn: 'full', txt: 'hi', level: '0', bnn: 'fans', bl: '3', brid: '9', nl: '2', col: '1', ct: '14', dms: '1' })}, 0, 1),
   (${at(2)}, 1, 'c2', 8, 'bare', 'yo', 4, '', 0, 0, 0, 0, 0, NULL, true, false,
    ${f({ type: 'chatmsg', cid: 'c2', uid: '8', nn: 'bare', txt: 'yo', level: '4' })}, 0, 2),
   (${at(3)}, 1, '', 0, '', '', 0, '', 0, 0, 0, 0, 0, NULL, true, false,
    ${f({ type: 'chatmsg', uid: 'notanumber', level: '3000000000', bnn: '', bl: '0', brid: '0', nl: '0', col: '', ct: '1e3' })}, 0, 3)`,
  `INSERT INTO gifts (received_at, room_id, uid, nickname, level, gift_id, gift_count, combo_hits,
     badge_name, badge_level, badge_room_id, is_cross_room, fields, source_partition, source_offset) VALUES
   (${at(4)}, 1, 0, 'y', 0, 824, 2, 1, '', 0, 0, false,
    ${f({ type: 'dgb', uid: '12345678901234567890123', nn: 'y', gfid: '824', gfcnt: '2', hits: '1' })}, 0, 4),
   (${at(5)}, 1, 9, '', 0, 191, 1, 0, '', 0, 0, false,
    ${f({ type: 'dgb', uid: '9', gfid: '191', level: '0' })}, 0, 5),
   (${at(6)}, 1, 9, '', 0, 825, 0, 3, '', 0, 0, false,
    ${f({ type: 'dgb', uid: '9', gfid: '825', gfcnt: 'lots', hits: '3' })}, 0, 6)`,
  `INSERT INTO user_entries (received_at, room_id, uid, nickname, level, noble_level,
     is_cross_room, fields, source_partition, source_offset) VALUES
   (${at(7)}, 1, 0, 'x', 5, 0, false, ${f({ type: 'uenter', uid: 'notanumber', nn: 'x', level: '5' })}, 0, 7),
   (${at(8)}, 1, 12, '', 0, 2, false, ${f({ type: 'uenter', uid: '12', level: '0', nl: '2' })}, 0, 8)`,
];

async function migratedRows(db: SqlClient): Promise<Record<string, unknown[]>> {
  const q = async (sql: string) => (await db.query(sql)).rows;
  return {
    chat: await q(`SELECT cid, uid::int AS uid, nickname, text, level, badge_name, badge_level,
                          badge_room_id, noble_level, colour, client_type
                   FROM chat_messages ORDER BY source_offset`),
    gifts: await q(`SELECT uid::int AS uid, nickname, level, gift_id, gift_count, combo_hits,
                           badge_name, badge_level, badge_room_id, fields->>'uid' AS raw_uid
                    FROM gifts ORDER BY source_offset`),
    entries:
      await q(`SELECT uid::int AS uid, nickname, level, noble_level, fields->>'uid' AS raw_uid
                      FROM user_entries ORDER BY source_offset`),
  };
}

const expected = {
  chat: [
    // Every field present: nothing changes, a real 0 stays 0.
    {
      cid: 'c1',
      uid: 7,
      nickname: 'full',
      text: 'hi',
      level: 0,
      badge_name: 'fans',
      badge_level: 3,
      badge_room_id: 9,
      noble_level: 2,
      colour: 1,
      client_type: 14,
    },
    // No badge, noble, colour or client fields: NULL.
    {
      cid: 'c2',
      uid: 8,
      nickname: 'bare',
      text: 'yo',
      level: 4,
      badge_name: null,
      badge_level: null,
      badge_room_id: null,
      noble_level: null,
      colour: null,
      client_type: null,
    },
    // Garbled or too big: NULL; present zeros and empty names stay; cid stays '' (the dedupe key).
    {
      cid: '',
      uid: null,
      nickname: null,
      text: null,
      level: null,
      badge_name: '',
      badge_level: 0,
      badge_room_id: 0,
      noble_level: 0,
      colour: null,
      client_type: null,
    },
  ],
  gifts: [
    {
      uid: null,
      nickname: 'y',
      level: null,
      gift_id: 824,
      gift_count: 2,
      combo_hits: 1,
      badge_name: null,
      badge_level: null,
      badge_room_id: null,
      raw_uid: '12345678901234567890123',
    },
    // No gfcnt: still one gift (the protocol's rule); no hits: unknown.
    {
      uid: 9,
      nickname: null,
      level: 0,
      gift_id: 191,
      gift_count: 1,
      combo_hits: null,
      badge_name: null,
      badge_level: null,
      badge_room_id: null,
      raw_uid: '9',
    },
    {
      uid: 9,
      nickname: null,
      level: null,
      gift_id: 825,
      gift_count: null,
      combo_hits: 3,
      badge_name: null,
      badge_level: null,
      badge_room_id: null,
      raw_uid: '9',
    },
  ],
  entries: [
    { uid: null, nickname: 'x', level: 5, noble_level: null, raw_uid: 'notanumber' },
    { uid: 12, nickname: null, level: 0, noble_level: 2, raw_uid: '12' },
  ],
};

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

async function migrateOldRows(
  target: string | PGlite,
  db: SqlClient,
): Promise<Record<string, unknown[]>> {
  const before = migrationsBeforeNulls();
  folders.push(before);
  await migrate(target, { migrationsFolder: before });
  await db.query(`SELECT danmaku_ensure_partitions('${DAY}'::date, 1)`);
  for (const sql of oldRows) await db.query(sql);
  const { applied } = await migrate(target);
  expect(applied).toBeGreaterThanOrEqual(2);
  return migratedRows(db);
}

describeWithServices(['postgres'], 'NULL for absent: migrating stored rows on PostgreSQL', () => {
  it('sets NULL where fields lacks the key or its text does not parse or fit', async () => {
    const url = await freshDatabase('wmignull');
    const db = pgPoolClient(new pg.Pool({ connectionString: url, max: 1 }));
    try {
      expect(await migrateOldRows(url, db)).toEqual(expected);
    } finally {
      await db.close();
    }
  });
});

describe('NULL for absent: migrating stored rows on PGlite', () => {
  it('sets NULL where fields lacks the key or its text does not parse or fit', async () => {
    const lite = await createPglite();
    const db = pgliteClient(lite);
    try {
      expect(await migrateOldRows(lite, db)).toEqual(expected);
    } finally {
      await db.close();
    }
  }, 60_000);
});
