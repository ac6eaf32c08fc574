import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';

export interface ExportCost {
  rows: number;
  bytes: number;
  /** From the command's own summary line: the export, without process start. */
  rowsPerSecond: number;
  /** Spawn to exit. */
  wallSeconds: number;
  peakRssBytes: number;
}

const TIME = '/usr/bin/time';
const SUMMARY = /exported (\d+) rows .*: (\d+) bytes in ([\d.]+) s \((\d+) rows\/s\)/;

/** Runs one command under GNU time (peak RSS) and reads its export summary line. */
export function measureExport(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  output: string,
): ExportCost {
  if (!existsSync(TIME)) throw new Error(`${TIME} (GNU time) is needed to measure peak memory`);
  rmSync(output, { force: true });
  const t0 = performance.now();
  const run = spawnSync(TIME, ['-f', '%M', command, ...args], { env, encoding: 'utf8' });
  const wallSeconds = (performance.now() - t0) / 1000;
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${run.stderr}`);
  const lines = run.stderr.trim().split('\n');
  const kib = Number(lines.at(-1));
  if (!Number.isFinite(kib)) throw new Error(`no peak RSS from ${TIME}: ${run.stderr}`);
  const summary = SUMMARY.exec(run.stderr);
  const bytes = statSync(output).size;
  rmSync(output, { force: true });
  return {
    rows: summary === null ? Number.NaN : Number(summary[1]),
    bytes,
    rowsPerSecond: summary === null ? Number.NaN : Number(summary[4]),
    wallSeconds,
    peakRssBytes: kib * 1024,
  };
}
