import type { SqlExecutor } from './sql-client.js';

/** What `danmaku status` shows of a database: migrations, table sizes, offsets, recent gaps. */
export interface DatabaseSummary {
  migrations: number;
  tables: Array<{ table: string; rows: number; latest: string | null }>;
  offsets: Array<{
    group: string;
    topic: string;
    partition: number;
    nextOffset: string;
    updatedAt: string;
  }>;
  gapsLastDay?: number;
}

/** Each table with the column that says when its newest row arrived. */
const SUMMARISED_TABLES: ReadonlyArray<readonly [table: string, timeColumn: string]> = [
  ['chat_messages', 'received_at'],
  ['gifts', 'received_at'],
  ['user_entries', 'received_at'],
  ['room_events', 'received_at'],
  ['collect_sessions', 'updated_at'],
  ['ingest_errors', 'recorded_at'],
];

/** Reads the summary; a database without migrations yields `migrations: 0` and nothing else. */
export async function summariseDatabase(db: SqlExecutor): Promise<DatabaseSummary> {
  const summary: DatabaseSummary = { migrations: 0, tables: [], offsets: [] };
  const applied = await db.query<{ present: boolean }>(
    `SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS present`,
  );
  if (applied.rows[0]?.present !== true) return summary;
  const count = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations',
  );
  summary.migrations = count.rows[0]?.n ?? 0;
  for (const [table, timeColumn] of SUMMARISED_TABLES) {
    const result = await db.query<{ n: string; latest: Date | string | null }>(
      `SELECT count(*)::text AS n, max(${timeColumn}) AS latest FROM ${table}`,
    );
    const row = result.rows[0];
    summary.tables.push({ table, rows: Number(row?.n ?? 0), latest: iso(row?.latest ?? null) });
  }
  summary.offsets = await readOffsets(db);
  const gaps = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM coverage_gaps WHERE gap_end > now() - interval '24 hours'`,
  );
  summary.gapsLastDay = gaps.rows[0]?.n ?? 0;
  return summary;
}

async function readOffsets(db: SqlExecutor): Promise<DatabaseSummary['offsets']> {
  const offsets = await db.query<{
    consumer_group: string;
    topic: string;
    partition: number;
    next_offset: string;
    updated_at: Date | string;
  }>(
    `SELECT consumer_group, topic, "partition", next_offset::text AS next_offset, updated_at
     FROM ingest_offsets ORDER BY consumer_group, topic, "partition" LIMIT 200`,
  );
  return offsets.rows.map((o) => ({
    group: o.consumer_group,
    topic: o.topic,
    partition: o.partition,
    nextOffset: o.next_offset,
    updatedAt: iso(o.updated_at) ?? '',
  }));
}

function iso(value: Date | string | null): string | null {
  if (value === null) return null;
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}
