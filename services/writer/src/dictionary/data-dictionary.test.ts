import { readFileSync } from 'node:fs';
import { createPglite } from '../create-pglite.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { pgliteClient } from '../sql-client.js';
import type { SqlClient } from '../sql-client.js';
import { columnComment, commentProblems, parseColumnComment } from './comment-text.js';
import { readDatabaseComments } from './database-comments.js';
import { commentStatement, dictionaryComments } from './dictionary-comments.js';
import { dictionaryDrift } from './dictionary-drift.js';
import { dictionaryMarkdown } from './dictionary-markdown.js';
import { dataDictionary } from './data-dictionary.js';
import { schemaRelations } from './schema-columns.js';

const markdownPath = new URL('../../../../docs/data-dictionary.md', import.meta.url);

describe('the data dictionary', () => {
  it('docs/data-dictionary.md is what the dictionary generates (run `pnpm dictionary:write`)', () => {
    expect(readFileSync(markdownPath, 'utf8')).toBe(
      dictionaryMarkdown(dataDictionary, schemaRelations()),
    );
  });

  it('describes every table, view and column of the drizzle schema, and nothing else', () => {
    const schema = schemaRelations()
      .map((r) => ({ relation: r.relation, kind: r.kind, columns: r.columns.map((c) => c.column) }))
      .sort((a, b) => a.relation.localeCompare(b.relation));
    const dictionary = Object.entries(dataDictionary)
      .map(([relation, e]) => ({ relation, kind: e.kind, columns: Object.keys(e.columns) }))
      .sort((a, b) => a.relation.localeCompare(b.relation));
    expect(dictionary).toEqual(schema);
  });

  it('every comment parses back into the entry it was made from', () => {
    for (const [relation, entry] of Object.entries(dataDictionary)) {
      expect(entry.description.length, relation).toBeGreaterThan(10);
      for (const [column, c] of Object.entries(entry.columns)) {
        expect(commentProblems(`${relation}.${column}`, c)).toEqual([]);
        expect(parseColumnComment(columnComment(c))).toEqual({ ...c, codes: c.codes });
      }
    }
  });

  it('is_robot states the rule the protocol applies: no dms field at all', () => {
    const robot = dataDictionary.chat_messages?.columns.is_robot;
    expect(robot?.wire).toContain('dms');
    expect(robot?.description).toMatch(/no dms key at all/);
  });

  it('quotes identifiers and text in its statements', () => {
    expect(commentStatement({ relation: 'a"b', kind: 'table', column: 'c', comment: "it's" })).toBe(
      `COMMENT ON COLUMN "a""b"."c" IS 'it''s';`,
    );
    expect(commentStatement({ relation: 'v', kind: 'view', comment: 'x' })).toBe(
      `COMMENT ON VIEW "v" IS 'x';`,
    );
  });
});

describe('a database migrated on PGlite', () => {
  let db: SqlClient;
  beforeAll(async () => {
    const lite = await createPglite();
    await migrate(lite);
    db = pgliteClient(lite);
  });
  afterAll(async () => {
    await db.close();
  });

  it('has the comment of the dictionary on every table, view and column (partitions aside)', async () => {
    await db.query(`SELECT danmaku_ensure_partitions('2024-01-01', 1)`);
    const relations = await readDatabaseComments(db);
    expect(relations.map((r) => r.relation)).not.toContain('chat_messages_p20240101');
    expect(dictionaryDrift(dictionaryComments(dataDictionary), relations)).toEqual({
      changed: [],
      missingInDatabase: [],
      undescribed: [],
    });
    const chat = relations.find((r) => r.relation === 'chat_messages');
    const robot = chat?.columns.find((c) => c.column === 'is_robot');
    expect(robot?.type).toBe('boolean');
    expect(robot?.comment).toContain('wire: chatmsg.dms');
  });

  it('a comment changed by hand shows up as drift', async () => {
    await db.query(`COMMENT ON COLUMN gifts.gift_count IS 'changed'`);
    const drift = dictionaryDrift(
      dictionaryComments(dataDictionary),
      await readDatabaseComments(db),
    );
    expect(drift.changed.map((t) => `${t.relation}.${t.column}`)).toEqual(['gifts.gift_count']);
  });
});
