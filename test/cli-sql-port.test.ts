// `danmaku run --sql-port`: psql and `danmaku sql` query embedded PGlite while it collects, a
// client's transaction never mixes with the writer's, and Ctrl-C still flushes everything.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPglite } from '@danmaku/writer';
import { afterAll, expect, it } from 'vitest';
import { cleanEnv, DANMAKU_BIN, killLeftoverJobs, spawnJob } from './cli-support.js';
import { describeWithTools } from './support/index.js';

const PSQL = 'psql';

/** One statement through psql, as a user types `psql URL -c …`; rows unaligned. */
function psql(url: string, sql: string): { status: number | null; out: string; err: string } {
  const result = spawnSync(PSQL, ['-X', '-At', '-d', url, '-c', sql], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, out: result.stdout.trim(), err: result.stderr };
}

function count(url: string, table: string): number {
  const result = psql(url, `SELECT count(*) FROM ${table}`);
  expect(result.status, result.err).toBe(0);
  return Number(result.out);
}

/** An interactive psql session kept open: statements go in on stdin as they are written. */
interface Session {
  child: ChildProcess;
  out(): string;
  err(): string;
  send(sql: string): void;
  waitFor(pattern: RegExp, where?: 'out' | 'err'): Promise<void>;
  end(): Promise<number | null>;
}

function openSession(url: string): Session {
  const child = spawn(PSQL, ['-X', '-At', '-d', url], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return {
    child,
    out: () => out,
    err: () => err,
    send: (sql) => void child.stdin?.write(`${sql}\n`),
    async waitFor(pattern, where = 'out') {
      const deadline = Date.now() + 60_000;
      while (!pattern.test(where === 'out' ? out : err)) {
        if (Date.now() > deadline) throw new Error(`${pattern} not seen\n${out}\n${err}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async end() {
      child.stdin?.end();
      return exited;
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// PGlite's start, a 10 s hold limit and a flush on a loaded 2-core box.
const TIMEOUT_MS = 240_000;

describeWithTools([PSQL], [], 'danmaku run --sql-port: querying while collecting', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'danmaku-sqlport-'));
  afterAll(async () => {
    await killLeftoverJobs();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'psql and danmaku sql read rows still arriving; transactions stay apart; Ctrl-C flushes',
    async () => {
      const env = cleanEnv({ DANMAKU_DATA_DIR: dataDir, DANMAKU_STATUS_INTERVAL_MS: '500' });
      const args = ['run', '--simulate', '--sim-rate', '40', '--sql-port', '0'];
      const run = spawnJob(process.execPath, [DANMAKU_BIN, ...args, '--sql-max-clients', '2'], env);
      const [, url = ''] = await run.waitForOut(/SQL at (postgres:\/\/\S+)/);
      expect(url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
      await run.waitForOut(/ \| [1-9][\d,]* rows written/);

      // Two reads some seconds apart: the second sees rows written since the first.
      const first = count(url, 'chat_messages');
      await sleep(3_000);
      const second = count(url, 'chat_messages');
      expect(first).toBeGreaterThan(0);
      expect(second).toBeGreaterThan(first);

      // `danmaku sql` on the locked data dir finds the run's port beside the lock.
      const sql = spawnJob(
        process.execPath,
        [DANMAKU_BIN, 'sql', '--json', 'SELECT count(*)::int AS n FROM chat_messages'],
        env,
      );
      expect(await sql.exited, sql.err()).toBe(0);
      expect(Number(/"n":(\d+)/.exec(sql.out())?.[1])).toBeGreaterThanOrEqual(second);

      // `danmaku status` reads the tables through the port too.
      const status = spawnJob(process.execPath, [DANMAKU_BIN, 'status'], env);
      expect(await status.exited, `${status.out()}\n${status.err()}`).toBe(0);
      expect(status.out(), status.err()).toMatch(/chat_messages\s+[1-9]/);
      expect(status.out()).not.toMatch(/in use by danmaku process/);

      // A client's SET ends with its statement: it never reaches the writer's inserts.
      const readOnly = psql(url, 'SET default_transaction_read_only = on');
      expect(readOnly.status, readOnly.err).toBe(0);
      await sleep(1_500);
      expect(psql(url, 'SHOW default_transaction_read_only').out).toBe('off');

      // A client's failed transaction, rolled back, takes none of the writer's rows with it.
      const session = openSession(url);
      session.send('BEGIN;');
      session.send('SELECT count(*) FROM chat_messages;');
      await session.waitFor(/^\d+$/m);
      session.send('SELECT nonsense;');
      await session.waitFor(/column "nonsense" does not exist/, 'err');
      // Meanwhile the writer's batches wait rather than run inside the aborted transaction.
      await sleep(2_000);
      session.send('ROLLBACK;');
      session.send("SELECT 'rolled back';");
      await session.waitFor(/rolled back/);
      const third = count(url, 'chat_messages');
      expect(third).toBeGreaterThan(second);

      // The second slot is taken: a third client gets PostgreSQL's "too many clients".
      const other = openSession(url);
      other.send("SELECT 'other';");
      await other.waitFor(/other/);
      const refused = psql(url, 'SELECT 1');
      expect(refused.status).not.toBe(0);
      expect(refused.err).toMatch(/FATAL: +sorry, too many clients already/);
      expect(await other.end()).toBe(0);

      // A client idle inside a transaction holds back the writer only up to the hold limit.
      session.send('BEGIN;');
      await sleep(12_000);
      session.send("SELECT 'after the hold';");
      await session.waitFor(/idle in transaction for 10 s/, 'err');
      await session.end();
      const fourth = count(url, 'chat_messages');
      expect(fourth).toBeGreaterThan(third);

      // Ctrl-C with a client connected: it is ended, the queue is flushed, exit 0.
      const connected = openSession(url);
      connected.send("SELECT 'connected';");
      await connected.waitFor(/connected/);
      run.interrupt();
      expect(await run.exited).toBe(0);
      await connected.end();
      const stopped = /stopped cleanly: (\d+) messages received, \d+ rows written, queue 0/.exec(
        run.out(),
      );
      expect(stopped, `${run.out()}\n${run.err()}`).not.toBeNull();
      // No batch failed or was retried: no client statement ran inside the writer's transactions.
      expect(run.err()).not.toMatch(/"level":"(warn|error)"/);
      expect(existsSync(join(dataDir, 'danmaku.sql-port'))).toBe(false);

      // Every accepted record was committed: the stored offset is the number received.
      const db = await createPglite(dataDir);
      try {
        const offsets = await db.query<{ next_offset: string }>(
          `SELECT next_offset::text FROM ingest_offsets WHERE topic = 'embedded-queue'`,
        );
        expect(Number(offsets.rows[0]?.next_offset)).toBe(Number(stopped?.[1]));
      } finally {
        await db.close();
      }
    },
    TIMEOUT_MS,
  );
});
