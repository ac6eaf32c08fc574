// Reading an export back with readers that share no code with the writer: PostgreSQL itself for
// CSV (COPY … FORMAT csv) and NDJSON (jsonb_populate_recordset), hyparquet (a JavaScript Parquet
// reader) for the Parquet file written by parquet-wasm (Rust's arrow-rs).
import { readFileSync } from 'node:fs';
import type { SqlExecutor } from '@danmaku/writer';
import { parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';

export interface ReadbackDb extends SqlExecutor {
  /** Loads CSV text into a table with COPY … FROM (FORMAT csv, HEADER). */
  copyCsv(table: string, csv: string): Promise<void>;
}

interface Column {
  name: string;
  type: string;
}

export async function columnsOf(db: SqlExecutor, relation: string): Promise<Column[]> {
  const result = await db.query<Column>(
    `SELECT attname AS name, format_type(atttypid, NULL) AS type FROM pg_attribute
     WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
    [relation],
  );
  return result.rows;
}

/** Rows in one table and not the other, both ways (0 when equal as multisets). */
async function differences(db: SqlExecutor, a: string, b: string): Promise<number> {
  const result = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ((TABLE ${a} EXCEPT ALL TABLE ${b})
       UNION ALL (TABLE ${b} EXCEPT ALL TABLE ${a})) AS d`,
  );
  return result.rows[0]?.n ?? -1;
}

async function emptyCopyOf(db: SqlExecutor, relation: string, name: string): Promise<void> {
  await db.query(`DROP TABLE IF EXISTS ${name}`);
  await db.query(`CREATE TEMP TABLE ${name} AS SELECT * FROM ${relation} LIMIT 0`);
}

/** CSV loaded by PostgreSQL's own CSV reader equals the relation, row for row. */
export async function csvDifferences(db: ReadbackDb, relation: string, file: string) {
  await emptyCopyOf(db, relation, 'readback_csv');
  await db.copyCsv('readback_csv', readFileSync(file, 'utf8'));
  return differences(db, relation, 'readback_csv');
}

/** NDJSON parsed by PostgreSQL's JSON parser (exact numbers) equals the relation. */
export async function ndjsonDifferences(db: SqlExecutor, relation: string, file: string) {
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '');
  await emptyCopyOf(db, relation, 'readback_ndjson');
  await db.query(
    `INSERT INTO readback_ndjson SELECT * FROM jsonb_populate_recordset(NULL::readback_ndjson, $1::jsonb)`,
    [`[${lines.join(',')}]`],
  );
  return differences(db, relation, 'readback_ndjson');
}

/** The reference value of each type, read through a different conversion than the export's. */
function referenceSql(column: Column): string {
  const q = `"${column.name}"`;
  switch (column.type) {
    case 'bigint':
      return `${q}::text`;
    case 'timestamp with time zone':
      return `(extract(epoch FROM ${q}) * 1000000)::bigint::text`;
    case 'bytea':
      return `encode(${q}, 'base64')`;
    case 'date':
      return `(${q} - date '1970-01-01')`;
    case 'jsonb':
      return `${q}::text`;
    default:
      return q;
  }
}

function referenceValue(type: string, value: unknown): unknown {
  if (value === null) return null;
  if (type === 'bigint' || type === 'timestamp with time zone') return `${value as string}n`;
  if (type === 'bytea') return Buffer.from(value as string, 'base64').toString('hex');
  return value;
}

function parquetValue(type: string, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return `${value}n`;
  if (type === 'bytea') return Buffer.from(value as Uint8Array).toString('hex');
  return value;
}

export interface ParquetReadback {
  /** Parquet's schema: name, physical type, logical type, repetition, per column. */
  schema: { name: string; type?: string; logical?: string; repetition?: string }[];
  rowGroups: number;
  /** Sorted canonical rows from the file and from the database. */
  fileRows: string[];
  databaseRows: string[];
}

export async function readParquetBack(
  db: SqlExecutor,
  relation: string,
  file: string,
): Promise<ParquetReadback> {
  const columns = await columnsOf(db, relation);
  const bytes = readFileSync(file);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const metadata = await parquetMetadataAsync(buffer);
  const objects = await parquetReadObjects({
    file: buffer,
    compressors,
    utf8: false,
    // Microseconds and days as stored, not rounded through Date.
    parsers: { timestampFromMicroseconds: (us: bigint) => us, dateFromDays: (d: number) => d },
  });
  const reference = await db.query<Record<string, unknown>>(
    `SELECT ${columns.map((c) => `${referenceSql(c)} AS "${c.name}"`).join(', ')} FROM ${relation}`,
  );
  const canonical = (row: Record<string, unknown>, value: typeof parquetValue) =>
    JSON.stringify(columns.map((c) => value(c.type, row[c.name])));
  return {
    schema: metadata.schema.slice(1).map((element) => ({
      name: element.name,
      ...(element.type === undefined ? {} : { type: element.type }),
      ...(element.logical_type === undefined
        ? {}
        : { logical: JSON.stringify(element.logical_type) }),
      ...(element.repetition_type === undefined ? {} : { repetition: element.repetition_type }),
    })),
    rowGroups: metadata.row_groups.length,
    fileRows: objects.map((row) => canonical(row, parquetValue)).sort(),
    databaseRows: reference.rows.map((row) => canonical(row, referenceValue)).sort(),
  };
}
