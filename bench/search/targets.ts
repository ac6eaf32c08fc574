import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import {
  createPglite,
  migrate,
  openDatabase,
  pgliteDatabase,
  type SqlClient,
} from '@danmaku/writer';

/** A freshly migrated database to measure on, and how to get rid of it. */
export interface SearchTarget {
  name: 'PostgreSQL' | 'PGlite';
  client: SqlClient;
  dispose(): Promise<void>;
}

/** A new database on the server of `adminUrl`, migrated; dropped by dispose(). */
export async function postgresTarget(adminUrl: string): Promise<SearchTarget> {
  const name = `bench_search_${process.pid}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await migrate(url.toString());
  // The options danmaku's own pool uses (jit off), one connection as `danmaku search` has.
  const database = await openDatabase({ databaseUrl: url.toString(), dataDir: '', poolSize: 1 });
  return {
    name: 'PostgreSQL',
    client: database.client,
    async dispose() {
      await database.client.close();
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** PGlite in a data directory on disk, as the embedded mode keeps it; removed by dispose(). */
export async function pgliteTarget(): Promise<SearchTarget> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-search-'));
  const database = pgliteDatabase(await createPglite(join(dir, 'data')));
  await database.migrate();
  return {
    name: 'PGlite',
    client: database.client,
    async dispose() {
      await database.client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
