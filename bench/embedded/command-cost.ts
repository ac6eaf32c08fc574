import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { REPO_ROOT } from '../harness/node-child.js';

export interface CommandCost {
  /** Median wall time of the runs, spawn to exit. */
  wallMs: number;
  /** Median of the runs' peak RSS (GNU time's %M). */
  peakRssBytes: number;
}

const TIME = '/usr/bin/time';

/** Runs `node <args>` `runs` times under GNU time; medians of wall time and peak RSS. */
export function measureCommand(args: readonly string[], runs: number): CommandCost {
  if (!existsSync(TIME)) throw new Error(`${TIME} (GNU time) is needed to measure peak memory`);
  const walls: number[] = [];
  const peaks: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    const run = spawnSync(TIME, ['-f', '%M', process.execPath, ...args], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    walls.push(performance.now() - t0);
    if (run.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${run.stderr}`);
    // GNU time prints its line last on stderr, after anything the command wrote there.
    const kib = Number(run.stderr.trim().split('\n').at(-1));
    if (!Number.isFinite(kib)) throw new Error(`no peak RSS from ${TIME}: ${run.stderr}`);
    peaks.push(kib * 1024);
  }
  return { wallMs: median(walls), peakRssBytes: median(peaks) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
