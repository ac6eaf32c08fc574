import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CollectorConfig } from '@danmaku/collector';
import type { SqlExecutor, WriterConfig } from '@danmaku/writer';
import { messageOf } from '../command-support';
import { describeDatabase } from '../database-label';
import { DataDirBusyError, lockDataDir } from '../data-dir-lock';
import { openWriterDatabase } from '../pglite-template';
import { withRoomQueue } from '../room-queue-session';

export interface StatusReport {
  settings: Array<{ key: string; env: string; value: string; from: string }>;
  database: DatabaseStatus;
  rooms: QueueStatus | undefined;
}

export interface DatabaseStatus {
  target: string;
  error?: string;
  migrations?: number;
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

export interface QueueStatus {
  error?: string;
  rooms?: number;
  byState?: Record<string, number>;
  schedules?: number;
}

const TIMED_TABLES = ['chat_messages', 'gifts', 'user_entries', 'room_events'];

export async function databaseStatus(
  config: WriterConfig,
  env: Record<string, string | undefined>,
): Promise<DatabaseStatus> {
  const status: DatabaseStatus = { target: describeDatabase(config), tables: [], offsets: [] };
  if (config.databaseUrl === undefined && !existsSync(join(config.dataDir, 'PG_VERSION'))) {
    return { ...status, error: 'no database yet: `danmaku run` or `danmaku migrate` creates it' };
  }
  let lock;
  try {
    lock = config.databaseUrl === undefined ? lockDataDir(config.dataDir) : undefined;
  } catch (error) {
    const busy = error instanceof DataDirBusyError;
    return {
      ...status,
      error: busy
        ? `in use by danmaku process ${error.pid} (PGlite is single-process)`
        : messageOf(error),
    };
  }
  try {
    const { database } = await openWriterDatabase({ ...config, dbPoolSize: 1 }, env);
    try {
      await fill(database.client, status);
    } finally {
      await database.client.close();
    }
  } catch (error) {
    status.error = messageOf(error);
  } finally {
    lock?.release();
  }
  return status;
}

async function fill(db: SqlExecutor, status: DatabaseStatus): Promise<void> {
  const applied = await db.query<{ present: boolean }>(
    `SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS present`,
  );
  if (applied.rows[0]?.present !== true) {
    status.migrations = 0;
    return;
  }
  const count = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations',
  );
  status.migrations = count.rows[0]?.n ?? 0;
  for (const table of [...TIMED_TABLES, 'collect_sessions', 'ingest_errors']) {
    const time = TIMED_TABLES.includes(table)
      ? 'max(received_at)'
      : table === 'collect_sessions'
        ? 'max(updated_at)'
        : 'max(recorded_at)';
    const result = await db.query<{ n: string; latest: Date | string | null }>(
      `SELECT count(*)::text AS n, ${time} AS latest FROM ${table}`,
    );
    const row = result.rows[0];
    status.tables.push({ table, rows: Number(row?.n ?? 0), latest: iso(row?.latest ?? null) });
  }
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
  status.offsets = offsets.rows.map((o) => ({
    group: o.consumer_group,
    topic: o.topic,
    partition: o.partition,
    nextOffset: o.next_offset,
    updatedAt: iso(o.updated_at) ?? '',
  }));
  const gaps = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM coverage_gaps WHERE gap_end > now() - interval '24 hours'`,
  );
  status.gapsLastDay = gaps.rows[0]?.n ?? 0;
}

export async function queueStatus(config: CollectorConfig): Promise<QueueStatus | undefined> {
  const redisUrl = config.redisUrl;
  if (redisUrl === undefined) return undefined;
  try {
    return await withRoomQueue({ ...config, redisUrl }, async (queue) => {
      const rooms = await queue.listRooms();
      const byState: Record<string, number> = {};
      for (const room of rooms) byState[room.state] = (byState[room.state] ?? 0) + 1;
      return { rooms: rooms.length, byState, schedules: (await queue.listCrawls()).length };
    });
  } catch (error) {
    return { error: messageOf(error) };
  }
}

function iso(value: Date | string | null): string | null {
  if (value === null) return null;
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}
