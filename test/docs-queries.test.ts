// Every ```sql block of docs/queries.md, run against known rows (test/docs-queries-dataset.ts)
// written through the writer's batch path, on PostgreSQL and on PGlite: each statement must run,
// and the answers listed below must come out. A query edited in the document is run as it stands.
// The gift catalogue holds fixtures/douyu/gift-list.json, as `danmaku gifts import` loads it.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  createPglite,
  PartitionKeeper,
  migrate,
  normaliseRecords,
  pgPoolClient,
  pgliteClient,
  writeBatch,
} from '@danmaku/writer';
import type { SqlClient } from '@danmaku/writer';
import { importGifts, parseGiftList } from '@danmaku/writer/database';
import { datasetRecords } from './docs-queries-dataset.js';
import { expectedAnswers } from './docs-queries-answers.js';
import { sqlStatementsOf, type DocStatement } from './docs-queries-extract.js';
import { describeWithServices, freshDatabase } from './support/index.js';

const doc = readFileSync(new URL('../docs/queries.md', import.meta.url), 'utf8');
const statements = sqlStatementsOf(doc);
/** The gift catalogue `danmaku gifts import` would load, for "Gift value per day". */
const giftList = new URL('../fixtures/douyu/gift-list.json', import.meta.url);
const DATE_OID = 1082;
const INT8_OID = 20;
const NUMERIC_OID = 1700;
/** Both drivers give days as text and counts and rounded numbers as numbers. */
const parsers: Record<number, (value: string) => unknown> = {
  [DATE_OID]: (v) => v,
  [INT8_OID]: Number,
  [NUMERIC_OID]: Number,
};

type Row = Record<string, unknown>;

/** Instants as ISO text, to compare them as written. */
function plain(rows: readonly Row[]): Row[] {
  return rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([key, value]) => [
        key,
        value instanceof Date ? value.toISOString() : value,
      ]),
    ),
  );
}

it('docs/queries.md has the questions the answers are checked for, and at least 25 statements', () => {
  expect(statements.length).toBeGreaterThanOrEqual(25);
  for (const key of Object.keys(expectedAnswers)) {
    const [heading, index] = key.split('#');
    expect(
      statements.some((s) => s.heading === heading && String(s.index) === index),
      key,
    ).toBe(true);
  }
});

interface Opened {
  db: SqlClient;
  /** Runs after the client is closed. */
  dispose?: () => Promise<void>;
}

function querySuite(open: () => Promise<Opened>): void {
  let db: SqlClient | undefined;
  let dispose: Opened['dispose'];
  beforeAll(async () => {
    ({ db, dispose } = await open());
    await writeBatch(db, new PartitionKeeper(db), 'docs', normaliseRecords(datasetRecords), []);
    await importGifts(db, parseGiftList(JSON.parse(readFileSync(giftList, 'utf8'))).gifts);
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await dispose?.();
  });

  it.each(statements.map((s): [string, DocStatement] => [`${s.heading} #${s.index}`, s]))(
    '%s',
    async (_name, statement) => {
      if (db === undefined) throw new Error('no database');
      const result = await db.query<Row>(statement.sql);
      const check = expectedAnswers[`${statement.heading}#${statement.index}`];
      if (check !== undefined) check(plain(result.rows));
    },
  );
}

describeWithServices(['postgres'], 'docs/queries.md on PostgreSQL', () => {
  // A database of its own, dropped after the suite (global teardown would drop it too).
  querySuite(async () => {
    const url = await freshDatabase('docsq');
    await migrate(url);
    const types = {
      getTypeParser: (oid: number, format?: 'text' | 'binary'): ((value: string) => unknown) =>
        parsers[oid] ?? (pg.types.getTypeParser(oid, format) as (value: string) => unknown),
    };
    const pool = new pg.Pool({ connectionString: url, max: 2, types });
    const dispose = async () => {
      const admin = new pg.Client({ connectionString: inject('danmakuServices').adminDatabaseUrl });
      await admin.connect();
      const name = new URL(url).pathname.slice(1);
      await admin.query(`DROP DATABASE IF EXISTS ${name}`).finally(() => admin.end());
    };
    return { db: pgPoolClient(pool, { ownsPool: true }), dispose };
  });
});

describe('docs/queries.md on PGlite', () => {
  querySuite(async () => {
    const lite = await createPglite(undefined, { parsers });
    await migrate(lite);
    return { db: pgliteClient(lite) };
  });
});
