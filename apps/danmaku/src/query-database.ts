import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SqlClient } from '@danmaku/writer';
import type { WriterConfig } from '@danmaku/writer/settings';
import { describeDatabase } from './database-label.js';
import { lockOrSqlUrl } from './data-dir-lock.js';

/**
 * Runs `use` on the database of a command that only queries it (`danmaku sql`, `search`):
 * DATABASE_URL, or PGlite in the data dir (locked meanwhile), or the SQL port of the
 * `danmaku run --sql-port` that holds the directory. `target` says which, safe to print.
 * Throws when there is no database yet, the directory is busy, or the server cannot be reached.
 */
export async function withQueryDatabase<T>(
  config: WriterConfig,
  env: Record<string, string | undefined>,
  use: (client: SqlClient, target: string) => Promise<T>,
): Promise<T> {
  if (config.databaseUrl === undefined && !existsSync(join(config.dataDir, 'PG_VERSION')))
    throw new Error(`no database in ${config.dataDir} yet: \`danmaku run\` creates it`);
  const local = config.databaseUrl === undefined ? lockOrSqlUrl(config.dataDir) : undefined;
  // A run serving SQL holds the directory: the queries go through its port.
  const target =
    local !== undefined && 'url' in local ? { ...config, databaseUrl: local.url } : config;
  const lock = local !== undefined && 'lock' in local ? local.lock : undefined;
  try {
    const { openWriterDatabase } = await import('./pglite-template.js');
    const { database } = await openWriterDatabase({ ...target, dbPoolSize: 1 }, env);
    try {
      // A server that cannot be reached (or refuses TLS, or fails its verification) is the
      // command's failure, not a statement's ERROR.
      if (target.databaseUrl !== undefined) await database.client.query('SELECT 1');
      return await use(database.client, describeDatabase(target));
    } finally {
      await database.client.close().catch(() => undefined);
    }
  } finally {
    lock?.release();
  }
}
