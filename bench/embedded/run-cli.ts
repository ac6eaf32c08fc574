import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../harness/free-port.js';
import { NodeChild, REPO_ROOT } from '../harness/node-child.js';
import { ProcSampler, type ProcUsage } from '../harness/proc-stats.js';
import { scrape } from '../harness/prom-text.js';

export interface EmbeddedCaseOptions {
  /** PGlite data directory: fresh (empty) or left by an earlier run. */
  dataDir: string;
  /** --sim-rate: messages per second per simulated room (3 rooms, the CLI's default). */
  simRate: number;
  /** 0 = only measure the time to the first row. */
  windowMs: number;
  warmupMs: number;
  /** SIGKILL at the end instead of the graceful stop that flushes the queue. */
  kill?: boolean;
  /** Extra environment (e.g. DANMAKU_CACHE_DIR, where the CLI keeps its PGlite template). */
  env?: Record<string, string>;
  /** Run the TypeScript sources through tsx, as before the build, instead of the compiled bin. */
  fromSource?: boolean;
}

export interface EmbeddedCaseResult {
  simRate: number;
  /** Spawn of `danmaku run` → first committed row counted on /metrics. */
  firstRowMs: number;
  rowsPerSec: number;
  receivedPerSec: number;
  usage: ProcUsage | undefined;
}

/** The `danmaku` bin (compiled JavaScript) and, for before/after rows, its TypeScript entry. */
export const CLI = `${REPO_ROOT}apps/danmaku/bin/danmaku.js`;
export const CLI_SOURCE = `${REPO_ROOT}apps/danmaku/src/main.ts`;
const ROWS = 'danmaku_writer_rows_written_total';
const RECEIVED = 'danmaku_collector_messages_received_total';

/** A fresh directory for PGlite; remove it with rmSync when done. */
export function freshDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'bench-embedded-'));
}

/** A copy of a data directory (one that was stopped cleanly). */
export function copyDataDir(dir: string): string {
  const copy = freshDataDir();
  cpSync(dir, copy, { recursive: true });
  return copy;
}

export function removeDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** `danmaku run --simulate` on a PGlite data directory, as a user would start it. */
export async function runEmbeddedCase(o: EmbeddedCaseOptions): Promise<EmbeddedCaseResult> {
  const dataDir = o.dataDir;
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/metrics`;
  const startedAt = performance.now();
  const cli = new NodeChild(
    o.fromSource === true ? CLI_SOURCE : CLI,
    [
      ...['run', '--simulate', '--sim-rate', String(o.simRate), '--data-dir', dataDir],
      ...['--http-host', '127.0.0.1', '--http-port', String(port), '--log-level', 'warn'],
      ...['--status-interval-ms', '600000'],
    ],
    { name: 'danmaku run', tsx: o.fromSource === true, env: o.env ?? {} },
  );
  try {
    const firstRowMs = (await waitForRows(url, cli)) - startedAt;
    if (o.windowMs === 0)
      return { simRate: o.simRate, firstRowMs, rowsPerSec: 0, receivedPerSec: 0, usage: undefined };
    await new Promise((resolve) => setTimeout(resolve, o.warmupMs));
    const sampler = new ProcSampler({ cli: cli.pid });
    const before = await scrape(url);
    const t0 = performance.now();
    await new Promise((resolve) => setTimeout(resolve, o.windowMs));
    const after = await scrape(url);
    const seconds = (performance.now() - t0) / 1000;
    const usage = sampler.stop()['cli'];
    const rate = (name: string) => ((after.get(name) ?? 0) - (before.get(name) ?? 0)) / seconds;
    return {
      simRate: o.simRate,
      firstRowMs,
      rowsPerSec: rate(ROWS),
      receivedPerSec: rate(RECEIVED),
      usage,
    };
  } finally {
    await (o.kill === true ? cli.kill() : cli.stop(60_000));
  }
}

/** Polls /metrics until the writer has committed a row; returns that moment. */
async function waitForRows(url: string, cli: NodeChild): Promise<number> {
  const deadline = performance.now() + 180_000;
  while (performance.now() < deadline) {
    if (cli.process.exitCode !== null) throw new Error('danmaku run exited before writing a row');
    const rows = await scrape(url).then(
      (m) => m.get(ROWS) ?? 0,
      () => 0,
    );
    if (rows > 0) return performance.now();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('no row within 180 s');
}
