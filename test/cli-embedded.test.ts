// `danmaku run` as a newcomer meets it: the real command line, spawned in its own process group
// and stopped with SIGINT like Ctrl-C in a terminal; then a restart on the same database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWriterDatabase } from '@danmaku/cli';
import { createPglite, migrationCount } from '@danmaku/writer';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import {
  cleanEnv,
  DANMAKU_BIN,
  killLeftoverJobs,
  spawnJob,
  type SpawnedRun,
} from './cli-support.js';
import { describeWithServices, freshDatabase } from './support/index.js';

type Query = <Row>(text: string) => Promise<Row[]>;

const SOURCED = ['chat_messages', 'chat_message_ids', 'gifts', 'user_entries', 'room_events'];

/** Waits for rows, lets a few seconds of traffic land, presses Ctrl-C; returns records accepted. */
async function collectAndStop(run: SpawnedRun): Promise<number> {
  await run.waitForOut(/first rows written [\d.]+ s after start/);
  await run.waitForOut(/ \| [1-9][\d,]* rows written \|[^\n]*\n[^\n]* \| [1-9][\d,]* rows written/);
  run.interrupt();
  await run.exited;
  const stopped = /stopped cleanly: (\d+) messages received, (\d+) rows written, queue 0/.exec(
    run.out(),
  );
  expect(stopped, `${run.out()}\n${run.err()}`).not.toBeNull();
  expect(run.err()).not.toMatch(/"level":"error"/);
  return Number(stopped?.[1]);
}

/** Both runs are in the tables, nothing twice, every accepted record committed. */
async function expectContinuation(query: Query, first: number, second: number): Promise<void> {
  const [offset] = await query<{ next_offset: string }>(
    `SELECT next_offset::text FROM ingest_offsets WHERE topic = 'embedded-queue'`,
  );
  expect(Number(offset?.next_offset)).toBe(first + second);
  for (const table of SOURCED) {
    const [row] = await query<{ total: number; distinct_sources: number }>(
      `SELECT count(*)::int AS total,
              count(DISTINCT (source_partition, source_offset))::int AS distinct_sources
       FROM ${table}`,
    );
    expect(row?.total, table).toBe(row?.distinct_sources);
  }
  const [chat] = await query<{ total: number; cids: number; before: number; after: number }>(
    `SELECT count(*)::int AS total, count(DISTINCT (room_id, cid))::int AS cids,
            count(*) FILTER (WHERE source_offset < ${first})::int AS before,
            count(*) FILTER (WHERE source_offset >= ${first})::int AS after
     FROM chat_messages`,
  );
  expect(chat?.total).toBe(chat?.cids);
  expect(chat?.before).toBeGreaterThan(0);
  expect(chat?.after).toBeGreaterThan(0);
  // Ctrl-C logged out of every room, so every session is closed; one gap per room between runs.
  const [sessions] = await query<{ total: number; open: number }>(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE closed_at IS NULL)::int AS open
     FROM collect_sessions`,
  );
  expect(sessions).toEqual({ total: 6, open: 0 });
  const gaps = await query<{ room_id: number }>('SELECT room_id FROM coverage_gaps');
  expect(gaps.map((gap) => gap.room_id).sort()).toEqual([1001, 1002, 1003]);
}

// Each test starts PGlite or PostgreSQL twice in child processes: generous on a loaded 2-core box.
const TIMEOUT_MS = 300_000;

describeWithServices(['postgres'], 'danmaku run: embedded mode end to end', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'danmaku-run-'));
  // An empty template cache: the first start runs initdb and leaves the template behind.
  const cacheDir = mkdtempSync(join(tmpdir(), 'danmaku-cache-'));
  afterAll(async () => {
    await killLeftoverJobs();
    for (const dir of [dataDir, cacheDir]) rmSync(dir, { recursive: true, force: true });
  });

  it(
    '`pnpm start -- --simulate` fills PGlite; Ctrl-C exits cleanly; a restart continues',
    async () => {
      const env = cleanEnv({
        DANMAKU_DATA_DIR: dataDir,
        DANMAKU_CACHE_DIR: cacheDir,
        DANMAKU_STATUS_INTERVAL_MS: '500',
      });
      // Through pnpm exactly as the README says. pnpm reports the SIGINT it got itself, so the
      // clean exit is read from the CLI's own last line here, and from the exit code below.
      const start = spawnJob('pnpm', ['start', '--', '--simulate'], env);
      const first = await collectAndStop(start);
      expect(start.err()).toContain('"origin":"initdb"');
      const again = spawnJob(process.execPath, [DANMAKU_BIN, 'run', '--simulate'], env);
      const second = await collectAndStop(again);
      expect(await again.exited).toBe(0);
      expect(again.err()).toContain('"origin":"existing"');

      const db = await createPglite(dataDir);
      try {
        await expectContinuation(
          async (text) => (await db.query(text)).rows as never,
          first,
          second,
        );
      } finally {
        await db.close();
      }
      // The template the first start left restores a fresh, already migrated directory.
      const freshDir = join(cacheDir, 'fresh');
      const opened = await openWriterDatabase({ dataDir: freshDir, dbPoolSize: 1 }, env);
      try {
        expect(opened.origin).toBe('template');
        expect(await opened.database.migrate()).toEqual({ applied: 0, total: migrationCount() });
      } finally {
        await opened.database.client.close();
      }
    },
    TIMEOUT_MS,
  );

  it(
    'with DATABASE_URL it writes to PostgreSQL, and a restart continues there',
    async () => {
      const url = await freshDatabase('clirun');
      const env = cleanEnv({ DATABASE_URL: url, DANMAKU_STATUS_INTERVAL_MS: '500' });
      const args = [DANMAKU_BIN, 'run', '--simulate', '--sim-rate', '40'];
      const runs: number[] = [];
      for (let i = 0; i < 2; i++) {
        const run = spawnJob(process.execPath, args, env);
        expect(await run.waitForOut(/→ PostgreSQL postgres:\/\//)).toBeTruthy();
        runs.push(await collectAndStop(run));
        expect(await run.exited).toBe(0);
      }
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await expectContinuation(
          async (text) => (await client.query(text)).rows as never,
          runs[0] ?? 0,
          runs[1] ?? 0,
        );
      } finally {
        await client.end();
      }
    },
    TIMEOUT_MS,
  );
});
