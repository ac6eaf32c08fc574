// PostgreSQL over TLS, against a cluster of this suite's own that refuses every connection without
// TLS (`hostnossl … reject`), so whatever passes here went over TLS. DATABASE_URL's sslmode,
// sslrootcert, sslcert and sslkey mean what they mean to libpq (README, DATABASE_URL): verify-full
// checks the server against our CA, client certificates authenticate, and failures are one line.
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { migrationCount } from '@danmaku/writer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, DANMAKU_BIN, killLeftoverJobs, runInProcess, spawnJob } from './cli-support.js';
import { createTopic, serviceAvailable, services, uniqueName, waitFor } from './support/index.js';
import { OwnPostgres, ownPostgresAvailable } from './support/own-postgres.js';
import { makeTlsFiles, type TlsFiles } from './support/tls-certificates.js';

const CI = process.env['CI'] === 'true';
const PASSWORD = 'hunter2-tls';
const OS_USER = userInfo().username;

// Every connection that is not TLS is refused; tls_cert must show a client certificate.
const HBA = `local all all trust
hostnossl all all all reject
hostssl all tls_cert all cert
hostssl all tls_pass all scram-sha-256
hostssl all all all trust
`;

/** `danmaku <args>` as its own process, with USER and PGUSER as given (unset by default). */
async function danmaku(args: string[], env: Record<string, string> = {}) {
  const base = cleanEnv(env);
  if (env['USER'] === undefined) delete base['USER'];
  if (env['PGUSER'] === undefined) delete base['PGUSER'];
  for (const name of ['PGSSLMODE', 'PGSSLROOTCERT', 'PGSSLCERT', 'PGSSLKEY']) delete base[name];
  const job = spawnJob(process.execPath, [DANMAKU_BIN, ...args], base);
  const code = await job.exited;
  return { code, out: job.out(), err: job.err(), job };
}

/** The server key must belong to the server's OS user; as root that is `postgres`. */
function handToServer(dir: string, tls: TlsFiles): void {
  chmodSync(dir, 0o755);
  if (process.getuid?.() !== 0) return;
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
  for (const file of [tls.ca, tls.serverCert, tls.serverKey]) chownSync(file, uid, gid);
}

describe.skipIf(!CI && !ownPostgresAvailable())('PostgreSQL over TLS (own cluster, ssl=on)', () => {
  let dir: string | undefined;
  let tls: TlsFiles;
  let cluster: OwnPostgres | undefined;
  /** A URL to the suite's database on `host` with `query` (user and password optional). */
  let url: (query: string, user?: string, host?: string) => string;

  beforeAll(async () => {
    if (!ownPostgresAvailable()) throw new Error('PostgreSQL (pg_createcluster) is not installed');
    // Rebuilds a stale dist/cli now, so no test below sees the "building" line on stderr.
    expect((await danmaku(['--help'])).code).toBe(0);
    dir = mkdtempSync(join(tmpdir(), 'danmaku-pgtls-'));
    tls = await makeTlsFiles(dir, 'tls_cert');
    handToServer(dir, tls);
    const verified = `sslmode=verify-full&sslrootcert=${tls.ca}`;
    cluster = await OwnPostgres.create({
      prefix: 'tls',
      settings: {
        ssl: 'on',
        ssl_cert_file: tls.serverCert,
        ssl_key_file: tls.serverKey,
        ssl_ca_file: tls.ca,
        listen_addresses: '127.0.0.1,127.0.0.2',
      },
      hba: HBA,
      urlQuery: verified,
    });
    await cluster.admin(
      `CREATE ROLE tls_pass LOGIN PASSWORD '${PASSWORD}'`,
      'CREATE ROLE tls_cert LOGIN',
      `CREATE ROLE "${OS_USER}" LOGIN`,
      'CREATE DATABASE danmaku OWNER tls_pass',
    );
    const port = cluster.port;
    url = (query, user = 'tls_pass', host = '127.0.0.1') =>
      `postgres://${user}@${host}:${port}/danmaku?${query}`;
  }, 300_000);

  afterAll(async () => {
    await killLeftoverJobs();
    await cluster?.drop();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('danmaku run writes over verify-full TLS, danmaku sql and status read it back', async () => {
    const database = url(`sslmode=verify-full&sslrootcert=${tls.ca}`, `tls_pass:${PASSWORD}`);
    const env = { DATABASE_URL: database, DANMAKU_STATUS_INTERVAL_MS: '500' };
    const run = spawnJob(process.execPath, [DANMAKU_BIN, 'run', '--simulate'], cleanEnv(env));
    const shown = await run.waitForOut(/→ PostgreSQL (\S+)\. Ctrl-C stops/);
    expect(shown[1]).toBe(database.replace(PASSWORD, '***'));
    await run.waitForOut(/first rows written [\d.]+ s after start/);
    run.interrupt();
    expect(await run.exited, run.err()).toBe(0);
    expect(`${run.out()}${run.err()}`).not.toContain(PASSWORD);

    const count = await danmaku(['sql', 'SELECT count(*) > 0 AS rows FROM chat_messages'], env);
    expect(count, count.err).toMatchObject({ code: 0, out: 'rows\n----\ntrue\n(1 row)\n' });
    const ssl = await danmaku(
      ['sql', 'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()'],
      env,
    );
    expect(ssl.out).toBe('ssl\n----\ntrue\n(1 row)\n');

    const status = await danmaku(['status', '--json'], env);
    expect(status.code, status.err).toBe(0);
    expect(`${status.out}${status.err}`).not.toContain(PASSWORD);
    const report = JSON.parse(status.out) as {
      settings: Array<{ key: string; value: string }>;
      database: { migrations: number };
    };
    const shownUrl = report.settings.find((s) => s.key === 'databaseUrl')?.value;
    expect(shownUrl).toBe(database.replace(PASSWORD, '***'));
    expect(report.database.migrations).toBe(migrationCount());
  });

  it.skipIf(!serviceAvailable('kafka'))(
    'danmaku writer and replay use the TLS URL too',
    async () => {
      const brokers = services().kafkaBrokers;
      const [rawTopic, sessionsTopic] = [uniqueName('tls_raw'), uniqueName('tls_sessions')];
      await createTopic(brokers, rawTopic);
      await createTopic(brokers, sessionsTopic);
      const env = {
        DATABASE_URL: url(`sslmode=verify-full&sslrootcert=${tls.ca}`, `tls_pass:${PASSWORD}`),
        KAFKA_BROKERS: brokers.join(','),
        KAFKA_RAW_TOPIC: rawTopic,
        KAFKA_SESSIONS_TOPIC: sessionsTopic,
        WRITER_GROUP_ID: uniqueName('tls_group'),
        WRITER_METRICS_PORT: '-1',
      };
      const writer = runInProcess(['writer'], env);
      await waitFor(() => writer.err().includes('writer started'), {
        timeoutMs: 60_000,
        what: 'the writer\'s "writer started" log line',
      });
      writer.interrupt();
      expect(await writer.done, writer.err()).toBe(0);
      const dry = runInProcess(['replay', '--from-offset', '0'], env);
      expect(await dry.done, dry.err()).toBe(0);
      expect(dry.out()).toContain(`replay of ${rawTopic} for consumer group`);
      expect(dry.out()).toContain('dry run: nothing changed');
      expect(`${writer.out()}${writer.err()}${dry.out()}${dry.err()}`).not.toContain(PASSWORD);
    },
  );

  it('sslmode=require and verify-ca keep their libpq meanings (no CA check / no host check)', async () => {
    // Our CA is in no trust store: node-postgres 8's own require would verify and fail here.
    const query = 'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()';
    const required = await danmaku(['sql', query], {
      DATABASE_URL: url('sslmode=require', 'postgres'),
    });
    expect(required, required.err).toMatchObject({ code: 0, out: 'ssl\n----\ntrue\n(1 row)\n' });
    // 127.0.0.2 is not in the server certificate: verify-ca accepts it, verify-full does not.
    const other = (mode: string) =>
      url(`sslmode=${mode}&sslrootcert=${tls.ca}`, 'postgres', '127.0.0.2');
    const ca = await danmaku(['migrate'], { DATABASE_URL: other('verify-ca') });
    expect(ca.code, ca.err).toBe(0);
    expect(ca.out).toContain(`${migrationCount()} in total`);
    const full = await danmaku(['migrate'], { DATABASE_URL: other('verify-full') });
    expect(full.code).toBe(1);
    expect(full.err).toMatch(/IP: 127\.0\.0\.2 is not in the cert's list/);
  });

  it('a client certificate (sslcert, sslkey) authenticates a cert-auth role', async () => {
    const verified = `sslmode=verify-full&sslrootcert=${tls.ca}`;
    const withCert = `${verified}&sslcert=${tls.clientCert}&sslkey=${tls.clientKey}`;
    const who = 'SELECT current_user AS who';
    const ok = await danmaku(['sql', who], { DATABASE_URL: url(withCert, 'tls_cert') });
    expect(ok, ok.err).toMatchObject({ code: 0, out: 'who\n--------\ntls_cert\n(1 row)\n' });
    const without = await danmaku(['sql', who], { DATABASE_URL: url(verified, 'tls_cert') });
    expect(without.code).toBe(1);
    expect(without.err).toMatch(/connection requires a valid client certificate/);
  });

  it('sslmode=disable is refused by the server, clearly', async () => {
    const plain = await danmaku(['sql', 'SELECT 1'], { DATABASE_URL: url('sslmode=disable') });
    expect(plain.code).toBe(1);
    expect(plain.err).toMatch(
      /^danmaku sql: pg_hba\.conf rejects connection for host "127\.0\.0\.1", user "tls_pass", database "danmaku", no encryption\n$/,
    );
  });

  it('sslmodes node-postgres cannot honour are configuration problems (exit 2)', async () => {
    const result = await danmaku(['migrate'], { DATABASE_URL: url('sslmode=allow') });
    expect(result.code).toBe(2);
    expect(result.err).toContain('DATABASE_URL / --database-url: sslmode=allow is not supported');
  });

  it('a wrong CA fails verification: one line, exit 1, in every command', async () => {
    const wrong = url(`sslmode=verify-full&sslrootcert=${tls.otherCa}`, `tls_pass:${PASSWORD}`);
    const env = { DATABASE_URL: wrong };
    const untrusted = /self-signed certificate in certificate chain \(TLS: no trusted CA signed/;
    for (const [args, prefix] of [
      [['sql', 'SELECT 1'], 'danmaku sql: '],
      [['migrate'], 'danmaku migrate: '],
      [['run', '--simulate'], 'danmaku run: the database did not start: '],
    ] as const) {
      const result = await danmaku([...args], env);
      expect(result.code, `${args[0]}: ${result.err}`).toBe(1);
      const lines = result.err.split('\n').filter((line) => !line.startsWith('{'));
      expect(lines, args[0]).toEqual([expect.stringMatching(untrusted), '']);
      expect(lines[0]?.startsWith(prefix), lines[0]).toBe(true);
      expect(`${result.out}${result.err}`).not.toContain(PASSWORD);
    }
    const status = await danmaku(['status'], env);
    expect(status.code).toBe(1);
    expect(status.out).toMatch(/unavailable: self-signed certificate in certificate chain \(TLS/);
    expect(status.out).not.toContain(PASSWORD);
  });

  it('a URL without a user name connects as the OS user, as libpq does', async () => {
    const noUser = `postgres://127.0.0.1:${cluster?.port}/danmaku?sslmode=verify-full&sslrootcert=${tls.ca}`;
    const who = await danmaku(['sql', 'SELECT current_user AS who'], { DATABASE_URL: noUser });
    expect(who.code, who.err).toBe(0);
    expect(who.out.split('\n')[2]).toBe(OS_USER);
  });
});
