import { dataDictionary } from '@danmaku/writer/dictionary';
import { DEFAULT_BATCH_ROWS } from './export-cursor.js';
import { isoTime } from '../iso-time.js';

export const EXPORT_FORMATS = ['csv', 'ndjson', 'parquet'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What `danmaku export` was asked for, checked against the data dictionary. */
export interface ExportRequest {
  table: string;
  format: ExportFormat;
  /** A path, or `-` for stdout (csv and ndjson only). */
  output: string;
  force: boolean;
  /** Rows per FETCH, per CSV/NDJSON write and per Parquet row group. */
  batchRows: number;
  roomId?: number;
  /** Inclusive lower bound on the table's time column, as ISO 8601 with an offset. */
  from?: string;
  /** Exclusive upper bound. */
  to?: string;
  /** The column --from and --to filter on. */
  timeColumn?: string;
}

export interface ExportFlags {
  table?: string;
  format?: string;
  output?: string;
  force?: boolean;
  batchRows?: string;
  room?: string;
  from?: string;
  to?: string;
}

/**
 * The column `--from`/`--to` filter on: the time a row is about. Relations not listed use the
 * first of TIME_COLUMN_NAMES they have, so a table added later needs no entry here.
 */
const TIME_COLUMNS: Readonly<Record<string, string>> = {
  collect_sessions: 'connecting_at',
  ingest_errors: 'recorded_at',
  ingest_offsets: 'updated_at',
  coverage_gaps: 'gap_start',
};
const TIME_COLUMN_NAMES = ['received_at', 'minute', 'day', 'day_utc', 'recorded_at', 'updated_at'];

/** The tables and views `--table` accepts: every relation of the data dictionary. */
export function exportableTables(): string[] {
  return Object.keys(dataDictionary);
}

export function timeColumnOf(table: string): string | undefined {
  const columns = Object.keys(dataDictionary[table]?.columns ?? {});
  const listed = TIME_COLUMNS[table];
  if (listed !== undefined && columns.includes(listed)) return listed;
  return TIME_COLUMN_NAMES.find((name) => columns.includes(name));
}

/** The request, or every problem with the flags at once (for reportProblems). */
export function parseExportFlags(
  flags: ExportFlags,
  problems: string[],
): ExportRequest | undefined {
  const before = problems.length;
  const tables = exportableTables();
  const table = flags.table;
  if (table === undefined) problems.push(`--table is required: one of ${tables.join(', ')}`);
  else if (!tables.includes(table))
    problems.push(`--table: no table or view "${table}"; there are: ${tables.join(', ')}`);
  const format = flags.format;
  if (format === undefined) problems.push(`--format is required: ${EXPORT_FORMATS.join(', ')}`);
  else if (!(EXPORT_FORMATS as readonly string[]).includes(format))
    problems.push(`--format: "${format}" is none of ${EXPORT_FORMATS.join(', ')}`);
  const output = flags.output;
  if (output === undefined || output === '')
    problems.push('-o/--output is required: a file, or - for stdout');
  else if (output === '-' && format === 'parquet')
    problems.push('-o -: Parquet is written to a file (its footer comes last); give a path');
  const batchRows = Number(flags.batchRows ?? DEFAULT_BATCH_ROWS);
  if (!Number.isInteger(batchRows) || batchRows < 1 || batchRows > 1_000_000)
    problems.push(`--batch-rows: expected 1 to 1000000 rows, got "${flags.batchRows}"`);
  const roomId = parseRoom(flags.room, problems);
  const from = parseTime('--from', flags.from, problems);
  const to = parseTime('--to', flags.to, problems);
  if (from !== undefined && to !== undefined && Date.parse(from) >= Date.parse(to))
    problems.push(`--from ${flags.from} is not before --to ${flags.to}`);
  const known = table !== undefined && tables.includes(table);
  const timeColumn = known ? timeColumnOf(table) : undefined;
  if (known && roomId !== undefined && !(table in roomTables()))
    problems.push(`--room: ${table} has no room_id column`);
  if (known && (from !== undefined || to !== undefined) && timeColumn === undefined)
    problems.push(`--from/--to: ${table} has no time column to filter on`);
  if (problems.length > before || table === undefined || output === undefined) return undefined;
  return {
    table,
    format: format as ExportFormat,
    output,
    force: flags.force === true,
    batchRows,
    ...(roomId === undefined ? {} : { roomId }),
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
    ...(timeColumn === undefined || (from === undefined && to === undefined) ? {} : { timeColumn }),
  };
}

function roomTables(): Record<string, true> {
  const tables: Record<string, true> = {};
  for (const [name, entry] of Object.entries(dataDictionary))
    if ('room_id' in entry.columns) tables[name] = true;
  return tables;
}

function parseRoom(text: string | undefined, problems: string[]): number | undefined {
  if (text === undefined) return undefined;
  const room = Number(text);
  if (/^\d+$/.test(text) && Number.isSafeInteger(room) && room <= 2_147_483_647) return room;
  problems.push(`--room: expected a Douyu room id (a whole number), got "${text}"`);
  return undefined;
}

/** A time flag as `isoTime` reads it; what it cannot read is listed in `problems`. */
export function parseTime(flag: string, text: string | undefined, problems: string[]) {
  if (text === undefined) return undefined;
  const iso = isoTime(text);
  if (iso !== undefined) return iso;
  problems.push(
    `${flag}: "${text}" is no ISO 8601 time (e.g. 2026-05-01 or 2026-05-01T08:00:00+08:00)`,
  );
  return undefined;
}
