import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SqlClient, WriterConfig } from '@danmaku/writer';
import type { CliIo } from './cli-io.js';
import { messageOf } from './command-support.js';
import { lockOrSqlUrl } from './data-dir-lock.js';

const UNDEFINED_TABLE = '42P01';

/**
 * Runs `fn` on the command's database, as `danmaku sql` opens it: PGlite in the data directory
 * (through the SQL port while `danmaku run --sql-port` holds it) or DATABASE_URL. Resolves with
 * fn's exit code; 1, with the reason printed, when the database cannot be used.
 */
export async function withCommandDatabase(
  name: string,
  config: WriterConfig,
  io: CliIo,
  fn: (db: SqlClient) => Promise<number>,
): Promise<number> {
  if (config.databaseUrl === undefined && !existsSync(join(config.dataDir, 'PG_VERSION'))) {
    io.err(`danmaku ${name}: no database in ${config.dataDir} yet: \`danmaku run\` creates it\n`);
    return 1;
  }
  try {
    const local = config.databaseUrl === undefined ? lockOrSqlUrl(config.dataDir) : undefined;
    const target =
      local !== undefined && 'url' in local ? { ...config, databaseUrl: local.url } : config;
    const lock = local !== undefined && 'lock' in local ? local.lock : undefined;
    try {
      const { openWriterDatabase } = await import('./pglite-template.js');
      const { database } = await openWriterDatabase({ ...target, dbPoolSize: 1 }, io.env);
      try {
        return await fn(database.client);
      } finally {
        await database.client.close().catch(() => undefined);
      }
    } finally {
      lock?.release();
    }
  } catch (error) {
    const missing = (error as { code?: unknown }).code === UNDEFINED_TABLE;
    const hint = missing ? ' (the database predates this command: run `danmaku migrate`)' : '';
    io.err(`danmaku ${name}: ${messageOf(error)}${hint}\n`);
    return 1;
  }
}
