// Looks for a string everywhere the pipeline stores data: every column of every table of a
// PostgreSQL database (as text; bytea as bytes), and every record of a Kafka topic (key, value,
// headers). Used by the privacy suite to prove the loginres client address is stored nowhere.
import type pg from 'pg';
import type { ConsumedRecord } from './collector-support.js';

export interface ColumnHit {
  table: string;
  column: string;
  rows: number;
}

export interface DatabaseScan {
  /** Tables (partitioned parents, not their partitions) and columns looked at. */
  tables: string[];
  columns: number;
  /** Rows over all scanned tables: the scan looked at something. */
  rows: number;
  hits: ColumnHit[];
}

interface ColumnRow {
  schema: string;
  table: string;
  column: string;
  type: string;
}

// Every user table and materialized view in every schema; a partitioned table is scanned once
// through its parent, which reads all of its partitions.
const COLUMNS_SQL = `
  SELECT n.nspname AS schema, c.relname AS table, a.attname AS column,
         format_type(a.atttypid, a.atttypmod) AS type
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  WHERE c.relkind IN ('r', 'p', 'm') AND NOT c.relispartition
    AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
  ORDER BY 1, 2, a.attnum`;

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Every column holding `needle`: text, jsonb, arrays, numbers… cast to text; bytea byte-wise. */
export async function scanDatabase(client: pg.Client, needle: string): Promise<DatabaseScan> {
  const columns = (await client.query<ColumnRow>(COLUMNS_SQL)).rows;
  const hits: ColumnHit[] = [];
  const tables = new Map<string, number>();
  for (const { schema, table, column, type } of columns) {
    const relation = `${ident(schema)}.${ident(table)}`;
    if (!tables.has(relation)) {
      const counted = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${relation}`,
      );
      tables.set(relation, counted.rows[0]?.n ?? 0);
    }
    const col = ident(column);
    const matches =
      type === 'bytea'
        ? `position(convert_to($1, 'UTF8') IN ${col}) > 0`
        : `strpos(${col}::text, $1) > 0`;
    const found = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${relation} WHERE ${matches}`,
      [needle],
    );
    const rows = found.rows[0]?.n ?? 0;
    if (rows > 0) hits.push({ table: `${schema}.${table}`, column, rows });
  }
  return {
    tables: [...tables.keys()],
    columns: columns.length,
    rows: [...tables.values()].reduce((sum, n) => sum + n, 0),
    hits,
  };
}

/** Records whose key, value or any header name or value holds `needle`, byte-wise. */
export function scanRecords(records: readonly ConsumedRecord[], needle: string): string[] {
  const bytes = Buffer.from(needle);
  const found: string[] = [];
  for (const r of records) {
    const parts: [string, Buffer][] = [
      ['key', Buffer.from(r.key)],
      ['value', r.value],
      ...Object.entries(r.headers).flatMap(([name, value]): [string, Buffer][] => [
        [`header name ${name}`, Buffer.from(name)],
        [`header ${name}`, Buffer.from(value)],
      ]),
    ];
    for (const [where, part] of parts) {
      if (part.includes(bytes)) found.push(`${r.partition}/${r.offset} ${where}`);
    }
  }
  return found;
}
