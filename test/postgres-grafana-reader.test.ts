// deploy/postgres/20-grafana-reader.sh, the compose PostgreSQL's init script for Grafana's role,
// run for real with psql against the test server: the role reads every table, including one
// created after it (as migrations and the writer's daily partitions are), and writes nothing.
// The role name is unique per run (roles are cluster-wide) and dropped afterwards.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { REPO_ROOT } from './cli-support.js';
import { describeWithTools, freshDatabase, services, uniqueName, withPg } from './support/index.js';

const SCRIPT = join(REPO_ROOT, 'deploy/postgres/20-grafana-reader.sh');
describeWithTools(
  ['psql'],
  ['postgres'],
  'deploy/postgres/20-grafana-reader.sh (psql, real PostgreSQL)',
  () => {
    const role = uniqueName('grafana_reader');
    let database: string | undefined;
    afterAll(async () => {
      // The CONNECT grant depends on the role: revoke it, then the role can go.
      await withPg(services().adminDatabaseUrl, async (client) => {
        if (database !== undefined)
          await client.query(`REVOKE ALL ON DATABASE ${database} FROM ${role}`);
        await client.query(`DROP ROLE IF EXISTS ${role}`);
      });
    });

    it('creates a role that reads tables made before and after it, and cannot write', async () => {
      const databaseUrl = await freshDatabase('reader');
      const url = new URL(databaseUrl);
      database = url.pathname.slice(1);
      await withPg(databaseUrl, (client) =>
        client.query('CREATE TABLE before_role (x int); INSERT INTO before_role VALUES (1)'),
      );
      const run = spawnSync('sh', [SCRIPT], {
        encoding: 'utf8',
        env: {
          ...process.env,
          PGHOST: url.hostname,
          PGPORT: url.port || '5432',
          PGPASSWORD: decodeURIComponent(url.password),
          POSTGRES_USER: decodeURIComponent(url.username) || 'postgres',
          DANMAKU_DATABASE: database,
          GRAFANA_DB_USER: role,
          GRAFANA_DB_PASSWORD: 'reader-password-1',
        },
      });
      expect(run.status, run.stderr).toBe(0);
      expect(`${run.stdout}${run.stderr}`).not.toContain('reader-password-1');
      // Like a daily partition the writer creates later, as the owner of the schema.
      await withPg(databaseUrl, (client) =>
        client.query(
          'CREATE SCHEMA later; CREATE TABLE later.after_role (y int); INSERT INTO later.after_role VALUES (2)',
        ),
      );
      const asReader = new URL(databaseUrl);
      asReader.username = role;
      asReader.password = 'reader-password-1';
      const reader = new pg.Client({ connectionString: asReader.toString() });
      await reader.connect();
      try {
        expect((await reader.query('SELECT x FROM before_role')).rows).toEqual([{ x: 1 }]);
        expect((await reader.query('SELECT y FROM later.after_role')).rows).toEqual([{ y: 2 }]);
        await expect(reader.query('INSERT INTO before_role VALUES (3)')).rejects.toThrow(
          /read-only transaction|permission denied/,
        );
        // Even with read-only switched off for the session, it holds no write privilege.
        await reader.query('SET default_transaction_read_only = off');
        await expect(reader.query('INSERT INTO before_role VALUES (3)')).rejects.toThrow(
          /permission denied/,
        );
        const { rows } = await reader.query<{ rolsuper: boolean }>(
          'SELECT rolsuper FROM pg_roles WHERE rolname = current_user',
        );
        expect(rows).toEqual([{ rolsuper: false }]);
      } finally {
        await reader.end();
      }
    });
  },
);
