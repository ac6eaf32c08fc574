import type { SqlExecutor } from '@danmaku/writer/database';
import type { ExportRequest } from './export-request.js';

/** How a column travels: every value leaves PostgreSQL as text, exact, then each format types it. */
export type ColumnKind =
  | 'int16'
  | 'int32'
  | 'int64'
  | 'float32'
  | 'float64'
  | 'decimal'
  | 'boolean'
  | 'text'
  | 'json'
  | 'timestamptz'
  | 'timestamp'
  | 'date'
  | 'bytea';

export interface ExportColumn {
  name: string;
  /** PostgreSQL's name of the type (`bigint`, `timestamp with time zone`). */
  type: string;
  kind: ColumnKind;
}

const KINDS: Readonly<Record<string, ColumnKind>> = {
  smallint: 'int16',
  integer: 'int32',
  bigint: 'int64',
  real: 'float32',
  'double precision': 'float64',
  numeric: 'decimal',
  boolean: 'boolean',
  json: 'json',
  jsonb: 'json',
  'timestamp with time zone': 'timestamptz',
  'timestamp without time zone': 'timestamp',
  date: 'date',
  bytea: 'bytea',
};

const columnsSql = `
SELECT a.attname AS name, format_type(a.atttypid, NULL) AS type
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = current_schema() AND c.relname = $1 AND c.relkind IN ('r', 'p', 'v', 'm')
  AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum`;

/** The relation's columns as the database has them (a migration may have added some). */
export async function readExportColumns(db: SqlExecutor, table: string): Promise<ExportColumn[]> {
  const result = await db.query<{ name: string; type: string }>(columnsSql, [table]);
  if (result.rows.length === 0) {
    throw new Error(`the database has no table or view ${table}: run \`danmaku migrate\` first`);
  }
  return result.rows.map((row) => ({ ...row, kind: KINDS[row.type] ?? 'text' }));
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

// Microseconds, as PostgreSQL keeps them; ±infinity is passed on as its own text.
const ISO_UTC = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;
const ISO_LOCAL = `'YYYY-MM-DD"T"HH24:MI:SS.US'`;

/** The text a column is read as: the same on PostgreSQL and PGlite, whatever their settings. */
function textOf(column: ExportColumn): string {
  const q = quoteIdentifier(column.name);
  switch (column.kind) {
    case 'timestamptz':
      return `CASE WHEN isfinite(${q}) THEN to_char(${q} AT TIME ZONE 'UTC', ${ISO_UTC}) ELSE ${q}::text END`;
    case 'timestamp':
      return `CASE WHEN isfinite(${q}) THEN to_char(${q}, ${ISO_LOCAL}) ELSE ${q}::text END`;
    case 'date':
      return `CASE WHEN isfinite(${q}) THEN to_char(${q}, 'YYYY-MM-DD') ELSE ${q}::text END`;
    case 'bytea':
      return `encode(${q}, 'hex')`;
    default:
      return `${q}::text`;
  }
}

/** The cursor's SELECT: every column as text (aliased c0, c1, …), the filters as parameters. */
export function exportSelect(
  request: Pick<ExportRequest, 'table' | 'roomId' | 'from' | 'to' | 'timeColumn'>,
  columns: readonly ExportColumn[],
): { text: string; params: unknown[] } {
  const list = columns.map((column, i) => `${textOf(column)} AS c${i}`).join(', ');
  const where: string[] = [];
  const params: unknown[] = [];
  if (request.roomId !== undefined) {
    params.push(request.roomId);
    where.push(`room_id = $${params.length}`);
  }
  const time = request.timeColumn === undefined ? undefined : quoteIdentifier(request.timeColumn);
  if (time !== undefined && request.from !== undefined) {
    params.push(request.from);
    where.push(`${time} >= $${params.length}::timestamptz`);
  }
  if (time !== undefined && request.to !== undefined) {
    params.push(request.to);
    where.push(`${time} < $${params.length}::timestamptz`);
  }
  const filter = where.length === 0 ? '' : ` WHERE ${where.join(' AND ')}`;
  return { text: `SELECT ${list} FROM ${quoteIdentifier(request.table)}${filter}`, params };
}
