import type { PGlite } from '@electric-sql/pglite';
import { createPglite } from './create-pglite.js';
import { migrate } from './migrate.js';
import type { MigrateOptions, MigrateResult } from './migrate.js';
import { pgConnectionString } from './pg-connection.js';
import { pgliteClient, pgPoolClient } from './sql-client.js';
import type { SqlClient } from './sql-client.js';
import { readOffsetsSql } from './statements.js';

export interface Database {
  client: SqlClient;
  /** Applies the committed migrations to this database (advisory-locked on PostgreSQL). */
  migrate(options?: MigrateOptions): Promise<MigrateResult>;
}

export interface DatabaseSettings {
  /** PostgreSQL URL; without it, embedded PostgreSQL (PGlite) stored in dataDir. */
  databaseUrl?: string | undefined;
  dataDir: string;
  poolSize: number;
}

export async function openDatabase(settings: DatabaseSettings): Promise<Database> {
  const url = settings.databaseUrl;
  if (url !== undefined) {
    // JIT compiling the batch statements (their estimated cost crosses jit_above_cost) costs more
    // than it saves: ~70 ms per statement, more than the insert itself.
    // Each mode loads only its own driver: pg for PostgreSQL, PGlite's WASM for embedded.
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({
      connectionString: pgConnectionString(url),
      max: settings.poolSize,
      options: '-c jit=off',
    });
    // An idle client losing its server (PostgreSQL restart) must not crash the process.
    pool.on('error', () => undefined);
    return { client: pgPoolClient(pool), migrate: (options) => migrate(url, options) };
  }
  return pgliteDatabase(await createPglite(settings.dataDir));
}

/** Wraps an open PGlite instance (closing the Database closes it). */
export function pgliteDatabase(lite: PGlite): Database {
  return { client: pgliteClient(lite), migrate: (options) => migrate(lite, options) };
}

/** Next offset per partition stored for (group, topic). */
export async function readStoredOffsets(
  db: SqlClient,
  group: string,
  topic: string,
): Promise<Map<number, bigint>> {
  const result = await db.query<{ partition: number; next_offset: string }>(readOffsetsSql, [
    group,
    topic,
  ]);
  return new Map(result.rows.map((row) => [Number(row.partition), BigInt(row.next_offset)]));
}
