// What the built `danmaku` command loads (issue 15): compiled JavaScript only, never tsx or a .ts
// file, and each command only what it uses. Every run records the URL of each module it
// resolves through test/support/record-modules.js (plain JavaScript, a Node loader hook).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import {
  cleanEnv,
  DANMAKU_BIN,
  killLeftoverJobs,
  spawnJob,
  type SpawnedRun,
} from './cli-support.js';
import { describeWithServices, services } from './support/services.js';

const RECORDER = fileURLToPath(new URL('./support/record-modules.js', import.meta.url));
const HEAVY = ['kafkajs', 'bullmq', 'ioredis', '@electric-sql/pglite', 'pg', 'drizzle-orm', 'ws'];
/** The chunk of `--sql-port` (pglite-socket is inlined into it: see scripts/build-cli.js). */
const SQL_PORT_CHUNK = /\/dist\/cli\/sql-port-server-[^/]*\.js$/;
const dir = mkdtempSync(join(tmpdir(), 'danmaku-modules-'));
/** The demo's data directory: `danmaku sql` queries what `danmaku run --simulate` wrote. */
const demoDir = join(dir, 'demo');
let runs = 0;

afterAll(async () => {
  await killLeftoverJobs();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `danmaku <args>` from the built bin; `settle` decides when it has loaded enough. */
async function modulesOf(
  args: readonly string[],
  env: Record<string, string> = {},
  settle?: (run: SpawnedRun) => Promise<void>,
): Promise<string[]> {
  runs += 1;
  const log = join(dir, `modules-${runs}.log`);
  const run = spawnJob(
    process.execPath,
    ['--import', RECORDER, DANMAKU_BIN, ...args],
    cleanEnv({ DANMAKU_DATA_DIR: join(dir, `data-${runs}`), ...env, DANMAKU_MODULE_LOG: log }),
  );
  if (settle !== undefined) {
    await settle(run);
    run.interrupt();
  }
  const exited = await run.exited;
  if (settle === undefined) expect(exited, run.err()).toBe(0);
  return readFileSync(log, 'utf8').split('\n').filter(Boolean);
}

/** The registry packages among the loaded modules (pnpm's store path names them). */
function packagesIn(urls: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const url of urls) {
    const match = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(
      url.replace(/.*\/node_modules\/\.pnpm\/[^/]+/, ''),
    );
    if (match?.[1] !== undefined) names.add(match[1]);
  }
  return names;
}

function expectCompiledOnly(urls: readonly string[]): void {
  expect(urls.filter((url) => /\.[cm]?tsx?$/.test(url))).toEqual([]);
  expect(urls.filter((url) => /\/node_modules\/(\.pnpm\/)?tsx[@/]/.test(url))).toEqual([]);
  expect(urls.some((url) => url.includes('/apps/danmaku/dist/cli/'))).toBe(true);
}

it('`danmaku --help` loads compiled JavaScript and none of Kafka, BullMQ, Redis, PostgreSQL', async () => {
  const urls = await modulesOf(['--help']);
  expectCompiledOnly(urls);
  const loaded = packagesIn(urls);
  for (const name of HEAVY) expect(loaded.has(name), name).toBe(false);
  expect(urls.filter((url) => SQL_PORT_CHUNK.test(url))).toEqual([]);
});

it('`danmaku run --simulate` loads no tsx, no .ts file, and no Kafka, Redis or PostgreSQL client', async () => {
  const urls = await modulesOf(
    ['run', '--simulate'],
    { DANMAKU_DATA_DIR: demoDir },
    async (run) => {
      await run.waitForOut(/first rows written/);
    },
  );
  expectCompiledOnly(urls);
  // An embedded run collects into PGlite through an in-process channel: every other driver it
  // loaded would only cost start time (issue 15: each command loads only what it uses).
  const loaded = packagesIn(urls);
  expect(loaded.has('@electric-sql/pglite')).toBe(true);
  for (const name of ['kafkajs', 'bullmq', 'ioredis', 'pg', 'pg-copy-streams', 'cron-parser']) {
    expect(loaded.has(name), name).toBe(false);
  }
  // The SQL port's socket server loads only with --sql-port.
  expect(urls.filter((url) => SQL_PORT_CHUNK.test(url))).toEqual([]);
});

it('`danmaku run --simulate --sql-port 0` loads the socket server it serves SQL with', async () => {
  const urls = await modulesOf(['run', '--simulate', '--sql-port', '0'], {}, async (run) => {
    await run.waitForOut(/SQL at postgres:/);
  });
  expect(urls.filter((url) => SQL_PORT_CHUNK.test(url))).toHaveLength(1);
});

it('`danmaku sql` opens PGlite without loading Kafka or BullMQ', async () => {
  const urls = await modulesOf(['sql', 'SELECT count(*) FROM chat_messages'], {
    DANMAKU_DATA_DIR: demoDir,
  });
  expectCompiledOnly(urls);
  const loaded = packagesIn(urls);
  expect(loaded.has('@electric-sql/pglite')).toBe(true);
  for (const name of ['kafkajs', 'bullmq', 'ioredis', 'pg'])
    expect(loaded.has(name), name).toBe(false);
});

it("`danmaku describe` reads PGlite's comments without loading Kafka, BullMQ or pg", async () => {
  const urls = await modulesOf(['describe', 'chat_messages'], { DANMAKU_DATA_DIR: demoDir });
  expectCompiledOnly(urls);
  const loaded = packagesIn(urls);
  expect(loaded.has('@electric-sql/pglite')).toBe(true);
  for (const name of ['kafkajs', 'bullmq', 'ioredis', 'pg'])
    expect(loaded.has(name), name).toBe(false);
});

describeWithServices(['kafka', 'postgres'], 'the services from the built bin', () => {
  const settled = async (run: SpawnedRun): Promise<void> => {
    // Both log their start on stderr; by then every module they use at run time is loaded.
    const deadline = Date.now() + 30_000;
    while (!/"level":"info"/.test(run.err()) && Date.now() < deadline) {
      if (run.child.exitCode !== null) throw new Error(run.err());
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  it('`danmaku collector` loads no tsx and no .ts file', async () => {
    const { kafkaBrokers } = services();
    const env = { KAFKA_BROKERS: kafkaBrokers.join(','), ROOMS: '9999', HTTP_PORT: '0' };
    expectCompiledOnly(await modulesOf(['collector'], env, settled));
  });

  it('`danmaku writer` loads no tsx and no .ts file', async () => {
    const { kafkaBrokers, databaseUrl } = services();
    const env = {
      KAFKA_BROKERS: kafkaBrokers.join(','),
      DATABASE_URL: databaseUrl,
      WRITER_METRICS_PORT: '0',
    };
    expectCompiledOnly(await modulesOf(['writer'], env, settled));
  });
});
