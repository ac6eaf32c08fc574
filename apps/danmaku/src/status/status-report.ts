import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CollectorConfig } from '@danmaku/collector';
import { summariseDatabase, type DatabaseSummary } from '@danmaku/writer/database';
import type { WriterConfig } from '@danmaku/writer/settings';
import { messageOf } from '../command-support.js';
import { describeDatabase } from '../database-label.js';
import { DataDirBusyError, lockOrSqlUrl, type DataDirLock } from '../data-dir-lock.js';
import { openWriterDatabase } from '../pglite-template.js';
import { withRoomQueue } from '../room-queue-session.js';
import { summariseReplicas, type ReplicaSummary } from './room-replicas.js';

export interface StatusReport {
  settings: Array<{ key: string; env: string; value: string; from: string }>;
  database: DatabaseStatus;
  rooms: QueueStatus | undefined;
}

/** Where the database is and what it holds; `error` when it could not be read. */
export type DatabaseStatus = { target: string; error?: string } & Partial<
  Pick<DatabaseSummary, 'migrations' | 'gapsLastDay'>
> &
  Pick<DatabaseSummary, 'tables' | 'offsets'>;

export interface QueueStatus {
  error?: string;
  rooms?: number;
  byState?: Record<string, number>;
  schedules?: number;
  /** Collectors holding each watch and window (ROOM_REPLICAS), rooms short of replicas first. */
  replicas?: ReplicaSummary;
}

export async function databaseStatus(
  config: WriterConfig,
  env: Record<string, string | undefined>,
): Promise<DatabaseStatus> {
  const status: DatabaseStatus = { target: describeDatabase(config), tables: [], offsets: [] };
  if (config.databaseUrl === undefined && !existsSync(join(config.dataDir, 'PG_VERSION'))) {
    return { ...status, error: 'no database yet: `danmaku run` or `danmaku migrate` creates it' };
  }
  let lock: DataDirLock | undefined;
  let url = config.databaseUrl;
  try {
    const local = url === undefined ? lockOrSqlUrl(config.dataDir) : undefined;
    // A run serving SQL holds the directory: read it through its port.
    if (local !== undefined && 'url' in local) url = local.url;
    else lock = local?.lock;
  } catch (error) {
    const busy = error instanceof DataDirBusyError;
    return {
      ...status,
      error: busy
        ? `in use by danmaku process ${error.pid} (PGlite is single-process; ` +
          'a run started with --sql-port is read through its port)'
        : messageOf(error),
    };
  }
  try {
    const { database } = await openWriterDatabase(
      { ...config, databaseUrl: url, dbPoolSize: 1 },
      env,
    );
    try {
      Object.assign(status, await summariseDatabase(database.client));
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

export async function queueStatus(config: CollectorConfig): Promise<QueueStatus | undefined> {
  const redisUrl = config.redisUrl;
  if (redisUrl === undefined) return undefined;
  try {
    return await withRoomQueue({ ...config, redisUrl }, async (queue) => {
      const rooms = await queue.listRooms();
      const byState: Record<string, number> = {};
      for (const room of rooms) byState[room.state] = (byState[room.state] ?? 0) + 1;
      return {
        rooms: rooms.length,
        byState,
        schedules: (await queue.listCrawls()).length,
        replicas: summariseReplicas(rooms),
      };
    });
  } catch (error) {
    return { error: messageOf(error) };
  }
}
