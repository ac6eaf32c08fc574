// Security: a password in DATABASE_URL or REDIS_URL never shows up in what the processes print:
// `danmaku status` (text and JSON), `migrate`, the writer and collector services (their JSON logs,
// healthy and failing), and the configuration-error path. PostgreSQL here trusts local
// connections, so a URL with any password still connects: the healthy paths run for real.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { startSimulator, type Simulator } from '@danmaku/simulator';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createTopic,
  databaseUrlFor,
  describeWithServices,
  freshDatabase,
  services,
  uniqueName,
} from './support/index.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const cli = fileURLToPath(new URL('../apps/danmaku/bin/danmaku.js', import.meta.url));
const collectorMain = fileURLToPath(new URL('../services/collector/src/main.ts', import.meta.url));

/** Raw password with URL syntax in it, so both its encoded and decoded forms are looked for. */
const PASSWORD = `pw@${randomBytes(6).toString('hex')}:/x`;
const ENCODED = encodeURIComponent(PASSWORD);
const SECRETS = [PASSWORD, ENCODED, PASSWORD.slice(3, 15)];

interface Ran {
  code: number | null;
  output: string;
}

/**
 * Runs a command; a long-running service is sent SIGTERM once `readyPattern` shows up in its
 * output (plus `lingerMs` for it to log a little), or after `maxMs` in any case.
 */
function run(
  args: string[],
  env: Record<string, string>,
  opts: { readyPattern?: RegExp; lingerMs?: number; maxMs?: number } = {},
): Promise<Ran> {
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...process.env, LOG_LEVEL: 'debug', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let signalled = false;
  const stop = (): void => {
    if (signalled) return;
    signalled = true;
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
  };
  const onData = (chunk: Buffer): void => {
    output += chunk.toString();
    if (opts.readyPattern?.test(output)) setTimeout(stop, opts.lingerMs ?? 2_000);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const deadline = setTimeout(stop, opts.maxMs ?? 30_000);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(deadline);
      resolve({ code, output });
    }),
  );
}

function expectNoSecret(ran: Ran, what: string): void {
  for (const secret of SECRETS) {
    expect(ran.output.includes(secret), `${what} printed the password:\n${ran.output}`).toBe(false);
  }
}

describeWithServices(['postgres', 'kafka', 'redis'], 'security: secrets stay out of output', () => {
  let databaseUrl: string;
  let unreachableDb: string;
  let redisUrl: string;
  let sim: Simulator;
  const topics = { raw: uniqueName('rawsecret'), sessions: uniqueName('sessecret') };

  beforeAll(async () => {
    const withPassword = (url: string): string => {
      const u = new URL(url);
      u.username = u.username || 'postgres';
      u.password = ENCODED;
      return u.toString();
    };
    databaseUrl = withPassword(await freshDatabase('secret'));
    unreachableDb = withPassword(databaseUrlFor('postgres://postgres@127.0.0.1:1/x', 'nowhere'));
    const redis = new URL(services().redisUrl);
    redis.password = ENCODED;
    redisUrl = redis.toString();
    expect(databaseUrl).toContain(ENCODED);
    await createTopic(services().kafkaBrokers, topics.raw, 1);
    await createTopic(services().kafkaBrokers, topics.sessions, 1);
    sim = await startSimulator({ seed: 3, traffic: { messagesPerSecond: 20 } });
  });
  afterAll(async () => sim?.close());

  it('danmaku migrate and status (text, --json, database down) redact the password', async () => {
    const env = { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl };
    const migrated = await run([cli, 'migrate'], env);
    expect(migrated.code, migrated.output).toBe(0);
    expectNoSecret(migrated, 'migrate');
    for (const args of [['status'], ['status', '--json']]) {
      const status = await run([cli, ...args], env);
      expect(status.code, status.output).toBe(0);
      expect(status.output).toContain('***');
      expectNoSecret(status, args.join(' '));
    }
    const down = await run([cli, 'status'], { DATABASE_URL: unreachableDb, REDIS_URL: redisUrl });
    expect(down.code).toBe(1);
    expectNoSecret(down, 'status with the database down');
  });

  it('danmaku status redacts a password given as a ?password= query parameter too', async () => {
    // node-postgres takes `password` from the query string as well as from the user info.
    const url = new URL(databaseUrl);
    url.password = '';
    url.searchParams.set('password', PASSWORD);
    const status = await run([cli, 'status'], { DATABASE_URL: url.toString() });
    expect(status.code, status.output).toBe(0);
    expectNoSecret(status, 'status with ?password=');
  });

  it('the writer service logs no password, running or failing to start', async () => {
    const env = {
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: services().kafkaBrokers.join(','),
      KAFKA_RAW_TOPIC: topics.raw,
      KAFKA_SESSIONS_TOPIC: topics.sessions,
      WRITER_GROUP_ID: uniqueName('wsecret'),
      WRITER_METRICS_PORT: '0',
    };
    const running = await run([cli, 'writer'], env, { readyPattern: /writer started/ });
    expect(running.output).toContain('writer started');
    expectNoSecret(running, 'danmaku writer');
    const failing = await run(
      [cli, 'writer'],
      { ...env, DATABASE_URL: unreachableDb },
      { maxMs: 20_000 },
    );
    expect(failing.code).not.toBe(0);
    expectNoSecret(failing, 'danmaku writer with the database down');
    const badConfig = await run([cli, 'writer'], { ...env, WRITER_MAX_BATCH_RECORDS: 'lots' });
    expect(badConfig.code).toBe(2);
    expectNoSecret(badConfig, 'danmaku writer with a bad setting');
  });

  it('the collector logs no Redis password, with Redis up or unreachable', async () => {
    const env = {
      ROOMS: '61001',
      DOUYU_ENDPOINTS: sim.wsUrl(),
      KAFKA_BROKERS: services().kafkaBrokers.join(','),
      KAFKA_RAW_TOPIC: topics.raw,
      KAFKA_SESSIONS_TOPIC: topics.sessions,
      ROOMS_QUEUE: uniqueName('roomsecret'),
      HTTP_PORT: '0',
      HTTP_HOST: '127.0.0.1',
      SHUTDOWN_TIMEOUT_MS: '3000',
    };
    for (const [what, args] of [
      ['danmaku collector', [cli, 'collector']],
      ['collector main.ts', ['--conditions=@danmaku/source', '--import', 'tsx', collectorMain]],
    ] as const) {
      const up = await run(
        [...args],
        { ...env, REDIS_URL: redisUrl },
        { readyPattern: /logged_in|collector started/ },
      );
      expect(up.output).toContain('collector started');
      expectNoSecret(up, `${what} with Redis up`);
      const unreachable = new URL(redisUrl);
      unreachable.port = '1';
      const down = await run(
        [...args],
        { ...env, REDIS_URL: unreachable.toString() },
        { readyPattern: /redis error/, lingerMs: 1_000, maxMs: 20_000 },
      );
      expect(down.output).toMatch(/ECONNREFUSED|redis/i);
      expectNoSecret(down, `${what} with Redis unreachable`);
      const bad = await run([...args], { ...env, REDIS_URL: redisUrl, MAX_ROOMS: '-5' });
      expect(bad.code).toBe(2);
      expectNoSecret(bad, `${what} with a bad setting`);
    }
  });
});
