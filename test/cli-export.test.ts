// `danmaku export` on PostgreSQL and on PGlite: each format is read back by a reader that shares
// no code with its writer (PostgreSQL's COPY and JSON parser for CSV and NDJSON, hyparquet for
// the parquet-wasm file) and compared with the database value for value, NULLs included.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPglite, migrate, pgliteClient, pgPoolClient } from '@danmaku/writer';
import { cleanEnv, runInProcess } from './cli-support.js';
import { EXPORTED, FIXTURE_SQL } from './export-fixture.js';
import {
  csvDifferences,
  ndjsonDifferences,
  readParquetBack,
  type ReadbackDb,
} from './export-readback.js';
import { describeWithServices, freshDatabase } from './support/index.js';

interface Target {
  /** Settings that point the CLI at the database. */
  env: Record<string, string | undefined>;
  /** Opens the database for seeding and checking (PGlite: only while no command runs). */
  open(): Promise<ReadbackDb & { close(): Promise<void> }>;
}

async function exportTo(target: Target, dir: string, relation: string, format: string) {
  const file = join(dir, `${relation}.${format}`);
  // Three rows per batch: several FETCHes and Parquet row groups even for these few rows.
  const run = runInProcess(
    ['export', '--table', relation, '--format', format, '-o', file, '--batch-rows', '3'],
    target.env,
  );
  const code = await run.done;
  expect({ code, err: run.err() }).toMatchObject({ code: 0 });
  expect(run.err()).toMatch(new RegExp(`^exported \\d+ rows of ${relation} as ${format}`));
  return file;
}

function exportSuite(target: () => Target): void {
  const dir = mkdtempSync(join(tmpdir(), 'danmaku-export-'));
  const files = new Map<string, string>();
  let db: (ReadbackDb & { close(): Promise<void> }) | undefined;
  beforeAll(async () => {
    const seed = await target().open();
    for (const statement of FIXTURE_SQL) await seed.query(statement);
    await seed.close();
    for (const relation of EXPORTED)
      for (const format of ['csv', 'ndjson', 'parquet'])
        files.set(`${relation}.${format}`, await exportTo(target(), dir, relation, format));
    db = await target().open();
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const file = (name: string) => files.get(name) ?? '';
  const open = () => {
    if (db === undefined) throw new Error('no database');
    return db;
  };

  it.each(EXPORTED)('%s: CSV read back by COPY equals the table', async (relation) => {
    const rows = await open().query<{ n: number }>(`SELECT count(*)::int AS n FROM ${relation}`);
    expect(rows.rows[0]?.n).toBeGreaterThan(2);
    expect(await csvDifferences(open(), relation, file(`${relation}.csv`))).toBe(0);
  });

  it.each(EXPORTED)('%s: NDJSON read back by PostgreSQL equals the table', async (relation) => {
    expect(await ndjsonDifferences(open(), relation, file(`${relation}.ndjson`))).toBe(0);
  });

  it.each(EXPORTED)('%s: Parquet read back by hyparquet has every value', async (relation) => {
    const back = await readParquetBack(open(), relation, file(`${relation}.parquet`));
    expect(back.fileRows).toEqual(back.databaseRows);
    expect(back.rowGroups).toBe(Math.ceil(back.databaseRows.length / 3));
    for (const column of back.schema) expect(column.repetition).toBe('OPTIONAL');
  });

  it('Parquet types: INT64, TIMESTAMP(MICROS, UTC), BYTE_ARRAY, strings', async () => {
    const back = await readParquetBack(open(), 'ingest_errors', file('ingest_errors.parquet'));
    const byName = new Map(back.schema.map((column) => [column.name, column]));
    expect(byName.get('offset')?.type).toBe('INT64');
    expect(byName.get('partition')?.type).toBe('INT32');
    expect(byName.get('received_at')?.logical).toBe(
      JSON.stringify({ type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MICROS' }),
    );
    expect(byName.get('raw_value')).toMatchObject({ type: 'BYTE_ARRAY' });
    expect(byName.get('raw_value')?.logical).toBeUndefined();
    expect(byName.get('headers')?.logical).toBe(JSON.stringify({ type: 'STRING' }));
  });

  it('NDJSON: int8 as exact digit strings, jsonb embedded, NULL as null', () => {
    const lines = readFileSync(file('chat_messages.ndjson'), 'utf8').trim().split('\n');
    const rows = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const extremes = rows.find((row) => row['cid'] === 'c2');
    expect(extremes).toMatchObject({
      uid: '9223372036854775807',
      source_offset: '9007199254740993',
      level: -2147483648,
      received_at: '2026-05-01T12:34:56.000001Z',
      sent_at: '1970-01-01T00:00:00.000000Z',
      is_robot: true,
      fields: { nested: { a: [1, '二', null] }, q: '"\\' },
    });
    expect(lines.find((line) => line.includes('"c2"'))).toContain('"big": 12345678901234567890');
    const empty = rows.find((row) => row['cid'] === null);
    expect(Object.entries(empty ?? {}).filter(([, v]) => v !== null)).toEqual([
      ['received_at', '2026-05-02T00:00:00.000000Z'],
      ['room_id', 7],
    ]);
  });

  it('CSV: RFC 4180 with CRLF and a header; NULL is empty, an empty string ""', () => {
    const csv = readFileSync(file('ingest_errors.csv'), 'utf8');
    expect(csv.startsWith('id,topic,partition,offset,received_at,raw_key,raw_value,')).toBe(true);
    expect(csv).toContain('\r\n');
    expect(csv).toMatch(/,9007199254740993,2026-05-01T08:00:00\.123456Z,\\x,\\x000102/);
    expect(csv).toContain('"undecodable, ""stt""",""');
  });
}

describeWithServices(['postgres'], 'danmaku export on PostgreSQL', () => {
  let url = '';
  beforeAll(async () => {
    url = await freshDatabase('export');
    await migrate(url);
  }, 60_000);
  exportSuite(() => ({
    env: cleanEnv({ DATABASE_URL: url }),
    open() {
      // One connection, so temporary tables outlive a statement.
      const client = pgPoolClient(new pg.Pool({ connectionString: url, max: 1 }));
      return Promise.resolve(
        Object.assign(client, {
          async copyCsv(table: string, csv: string) {
            await client.transaction(async (tx) => {
              await tx.copyFrom?.(`COPY ${table} FROM STDIN (FORMAT csv, HEADER)`, csv);
            });
          },
        }),
      );
    },
  }));
});

describe('danmaku export on PGlite', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'danmaku-export-pglite-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  beforeAll(async () => {
    const lite = await createPglite(dataDir);
    await migrate(lite);
    await lite.close();
  }, 60_000);
  exportSuite(() => ({
    env: cleanEnv({ DANMAKU_DATA_DIR: dataDir }),
    async open() {
      const lite = await createPglite(dataDir);
      return Object.assign(pgliteClient(lite), {
        async copyCsv(table: string, csv: string) {
          await lite.query(`COPY ${table} FROM '/dev/blob' (FORMAT csv, HEADER)`, [], {
            blob: new Blob([csv]),
          });
        },
      });
    },
  }));
});
