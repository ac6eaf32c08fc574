// The data dictionary on real PostgreSQL: a database migrated from empty carries, on every table,
// view and column, the COMMENT the dictionary gives; `danmaku describe` reads it back, on
// PostgreSQL (DATABASE_URL) and on PGlite (--data-dir).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, pgPoolClient } from '@danmaku/writer';
import {
  dataDictionary,
  dictionaryComments,
  dictionaryDrift,
  readDatabaseComments,
} from '@danmaku/writer/dictionary';
import { runInProcess } from './cli-support.js';
import { describeWithServices, freshDatabase } from './support/index.js';

async function describeCli(args: string[], env: Record<string, string | undefined>) {
  const run = runInProcess(['describe', ...args], env);
  return { code: await run.done, out: run.out(), err: run.err() };
}

describeWithServices(['postgres'], 'the data dictionary on PostgreSQL', () => {
  let url: string;
  beforeAll(async () => {
    url = await freshDatabase('dict');
    await migrate(url);
  });

  it('every table, view and column has the comment of the dictionary', async () => {
    const client = pgPoolClient(new pg.Pool({ connectionString: url, max: 1 }));
    try {
      await client.query(`SELECT danmaku_ensure_partitions('2024-01-01', 2)`);
      const relations = await readDatabaseComments(client);
      expect(relations.length).toBe(Object.keys(dataDictionary).length);
      expect(dictionaryDrift(dictionaryComments(dataDictionary), relations)).toEqual({
        changed: [],
        missingInDatabase: [],
        undescribed: [],
      });
      const comment = await client.query<{ c: string }>(
        `SELECT col_description('chat_messages'::regclass,
                (SELECT attnum FROM pg_attribute WHERE attrelid = 'chat_messages'::regclass
                 AND attname = 'is_robot')) AS c`,
      );
      expect(comment.rows[0]?.c).toMatch(/^True when the chatmsg has no dms key at all/);
    } finally {
      await client.close();
    }
  });

  it('`danmaku describe` lists the relations and one table’s columns; an unknown table exits 2', async () => {
    const env = { DATABASE_URL: url };
    const all = await describeCli([], env);
    expect(all.code, all.err).toBe(0);
    expect(all.out).toMatch(/^ {2}gifts +table {2}One row per gift event/m);
    expect(all.out).toMatch(/^ {2}coverage_gaps +view {3}Stretches/m);
    const gifts = await describeCli(['gifts'], env);
    expect(gifts.code, gifts.err).toBe(0);
    expect(gifts.out).toMatch(/^gift_count +integer +gifts +dgb\.gfcnt +Number of gifts/m);
    const unknown = await describeCli(['nope'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('no table or view "nope"');
  });
});

describe('`danmaku describe` on PGlite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'danmaku-describe-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('describes the data directory it is given, codes included', async () => {
    const dataDir = join(dir, 'data');
    const migrated = runInProcess(['migrate', '--data-dir', dataDir], {});
    expect(await migrated.done, migrated.err()).toBe(0);
    const chat = await describeCli(['chat_messages', '--data-dir', dataDir], {});
    expect(chat.code, chat.err).toBe(0);
    expect(chat.out).toMatch(/^is_robot +boolean +chatmsg\.dms \(its absence\) +True when/m);
    expect(chat.out).toMatch(/^ +1 = red$/m);
    const unknown = await describeCli(['nope', '--data-dir', dataDir], {});
    expect(unknown.code).toBe(2);
  });
});
