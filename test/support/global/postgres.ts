import { readdirSync } from 'node:fs';
import pg from 'pg';
import { isLocalHost, pidAlive, probeUntil, run } from './local-process.js';

async function ping(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2_000 });
  await client.connect();
  try {
    await client.query('SELECT 1');
  } finally {
    await client.end();
  }
}

/** Reachable PostgreSQL, started with DESIGN.md's command if it is local and down. Returns why not. */
export async function ensurePostgres(adminUrl: string): Promise<string | undefined> {
  if ((await probeUntil(() => ping(adminUrl), 0)) === undefined) return undefined;
  if (!isLocalHost(new URL(adminUrl).hostname)) return probeUntil(() => ping(adminUrl), 5_000);
  try {
    for (const version of readdirSync('/etc/postgresql')) {
      console.error(`global-setup: starting PostgreSQL ${version}/main`);
      await run('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start']);
    }
  } catch (error) {
    return `PostgreSQL down and could not be started: ${String(error)}`;
  }
  return probeUntil(() => ping(adminUrl), 30_000);
}

async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export function createDatabase(adminUrl: string, name: string): Promise<void> {
  return withAdmin(adminUrl, async (client) => {
    await client.query(`CREATE DATABASE ${name}`);
  });
}

/** Drops `prefix` and every `prefix_*` database (the run's extra freshDatabase() ones). */
export function dropDatabases(adminUrl: string, prefix: string): Promise<void> {
  return withAdmin(adminUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname = $1 OR starts_with(datname, $1 || '_')`,
      [prefix],
    );
    for (const { datname } of rows)
      await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  });
}

/** Drops databases left by killed runs on this machine (their vitest pid is gone). */
export async function dropStaleDatabases(adminUrl: string): Promise<void> {
  if (!isLocalHost(new URL(adminUrl).hostname)) return;
  const names = await withAdmin(adminUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname ~ '^danmaku_test_[0-9]+_[0-9a-z]+$'`,
    );
    return rows.map((row) => row.datname);
  });
  for (const name of names) {
    const pid = Number(name.split('_')[2]);
    if (!pidAlive(pid)) await dropDatabases(adminUrl, name);
  }
}
