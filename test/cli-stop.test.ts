// `danmaku run` on PostgreSQL stopped with Ctrl-C, as a user does it: "stopped cleanly" and exit 0
// only when every message received was written. With the database dropped mid-run it says how
// many messages were not written and why, and exits 1; a second Ctrl-C still quits at once.
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import {
  cleanEnv,
  DANMAKU_BIN,
  killLeftoverJobs,
  spawnJob,
  type SpawnedRun,
} from './cli-support.js';
import { describeWithServices, freshDatabase, services, withPg } from './support/index.js';

// Each test starts `danmaku run` in a child process: generous on a loaded 2-core box.
const TIMEOUT_MS = 180_000;
const STOPPED = /stopped: (\d+) messages received, \d+ rows written, (\d+) messages not written\n/;
const UNWRITTEN =
  /danmaku run: (\d+) messages not written: the database did not take them within the flush timeout of ([\d.]+) s \(last database error: ([^\n]*)\); they were held in memory and are lost\n/;

function startRun(url: string, flushTimeoutMs: number): SpawnedRun {
  const env = cleanEnv({ DATABASE_URL: url, DANMAKU_STATUS_INTERVAL_MS: '300' });
  const args = ['run', '--simulate', '--sim-rate', '40', '--flush-timeout-ms', `${flushTimeoutMs}`];
  return spawnJob(process.execPath, [DANMAKU_BIN, ...args], env);
}

/** DROP DATABASE … WITH (FORCE): every connection of the run is terminated, new ones refused. */
async function dropDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: services().adminDatabaseUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** Waits until the latest status line shows at least `min` messages queued. */
async function waitForQueue(run: SpawnedRun, min: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const depths = [...run.out().matchAll(/\| queue ([\d,]+) \|/g)];
    const last = Number(depths.at(-1)?.[1]?.replaceAll(',', '') ?? 0);
    if (last >= min) return;
    if (Date.now() > deadline || run.child.exitCode !== null) {
      throw new Error(`queue never reached ${min}\n${run.out()}\n${run.err()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Rows are landing, then the database is gone and the queue grows behind it. */
async function dropMidRun(run: SpawnedRun, url: string): Promise<void> {
  await run.waitForOut(/first rows written [\d.]+ s after start/);
  await run.waitForOut(/ \| [1-9][\d,]* rows written \|/);
  await dropDatabase(url);
  await waitForQueue(run, 150);
}

describeWithServices(['postgres'], 'danmaku run: what Ctrl-C says', () => {
  afterAll(killLeftoverJobs);

  it(
    'nothing left behind: "stopped cleanly", exit 0, every message received committed',
    async () => {
      const url = await freshDatabase('stopok');
      const run = startRun(url, 10_000);
      await run.waitForOut(/first rows written [\d.]+ s after start/);
      await run.waitForOut(/ \| [1-9][\d,]* rows written \|[^\n]*\n[^\n]* \| [1-9][\d,]* rows/);
      run.interrupt();
      expect(await run.exited).toBe(0);
      const clean = /stopped cleanly: (\d+) messages received, \d+ rows written, queue 0\n/.exec(
        run.out(),
      );
      expect(clean, `${run.out()}\n${run.err()}`).not.toBeNull();
      expect(run.out()).toMatch(
        /SIGINT: stopping; flushing the queue \(\d+ messages\) into the database for up to 10 s/,
      );
      expect(run.err()).not.toMatch(/not written/);
      const stored = await withPg(url, (c) =>
        c.query<{ next: string }>(
          `SELECT next_offset::text AS next FROM ingest_offsets WHERE topic = 'embedded-queue'`,
        ),
      );
      expect(Number(stored.rows[0]?.next)).toBe(Number(clean?.[1]));
    },
    TIMEOUT_MS,
  );

  it(
    'the database dropped mid-run: flushes for the timeout, then says how many and why, exit 1',
    async () => {
      const url = await freshDatabase('stopdrop');
      const run = startRun(url, 2_000);
      await dropMidRun(run, url);
      run.interrupt();
      const flushing = await run.waitForOut(
        /SIGINT: stopping; flushing the queue \((\d+) messages\) into the database for up to 2 s/,
      );
      const started = Date.now();
      expect(await run.exited).toBe(1);
      const tookMs = Date.now() - started;
      const out = `${run.out()}\n${run.err()}`;
      expect(run.out(), out).not.toMatch(/cleanly/);
      const stopped = STOPPED.exec(run.out());
      const unwritten = UNWRITTEN.exec(run.err());
      expect(stopped, out).not.toBeNull();
      expect(unwritten, out).not.toBeNull();
      const [received, notWritten] = [Number(stopped?.[1]), Number(stopped?.[2])];
      const queuedAtSignal = Number(flushing[1]);
      // Everything queued at Ctrl-C was lost with the database, and is counted.
      expect(queuedAtSignal).toBeGreaterThanOrEqual(150);
      expect(notWritten).toBeGreaterThanOrEqual(queuedAtSignal);
      expect(notWritten).toBeLessThan(received);
      expect(Number(unwritten?.[1])).toBe(notWritten);
      expect(unwritten?.[2]).toBe('2');
      const dbName = new URL(url).pathname.slice(1);
      expect(unwritten?.[3]).toMatch(
        new RegExp(`database "${dbName}" does not exist|terminating connection`),
      );
      // It tried for the flush timeout, and then stopped.
      expect(tookMs).toBeGreaterThanOrEqual(1_500);
      expect(tookMs).toBeLessThan(30_000);
    },
    TIMEOUT_MS,
  );

  it(
    'a second Ctrl-C while flushing quits at once with 130, never claiming a clean stop',
    async () => {
      const url = await freshDatabase('stoptwice');
      const run = startRun(url, 120_000);
      await dropMidRun(run, url);
      run.interrupt();
      await run.waitForOut(/flushing the queue \(\d+ messages\) into the database for up to 120 s/);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const second = Date.now();
      run.interrupt();
      expect(await run.exited).toBe(130);
      expect(Date.now() - second).toBeLessThan(5_000);
      expect(run.err()).toMatch(/SIGINT again: exiting without a clean shutdown/);
      expect(`${run.out()}\n${run.err()}`).not.toMatch(/cleanly/);
    },
    TIMEOUT_MS,
  );
});
