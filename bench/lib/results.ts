import { execFileSync } from 'node:child_process';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';

/** `danmaku` = our code; `douyudm` / `naive` = peers; `ceiling` = the most the machine allows. */
export type BenchSubject = 'danmaku' | 'douyudm' | 'naive' | 'ceiling' | (string & {});

export interface BenchResult {
  case: string;
  subject: BenchSubject;
  value: number;
  unit: string;
}

/**
 * The one results format every benchmark in this project writes: one file per run,
 * bench/results/<name>/<date>-<commit>.json, never overwritten, so every figure quoted from a run
 * keeps its file.
 */
export interface BenchReport {
  name: string;
  date: string;
  node: string;
  /** The checkout's commit (with `+dirty` when it had uncommitted changes). */
  commit: string;
  machine: string;
  /** 1-minute load average when the report was written: other work on the machine skews figures. */
  loadAverage: number;
  results: BenchResult[];
  notes: string[];
  /** Whatever else the run measured that the table does not show (plans, per-step data…). */
  details?: Record<string, unknown>;
}

const RESULTS_DIR = new URL('../results/', import.meta.url);
const BENCHMARKS_MD = new URL('../../BENCHMARKS.md', import.meta.url);

export function machine(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const memGb = Math.round(totalmem() / 2 ** 30);
  return `${cpu}, ${cpus().length} cores, ${memGb} GB, ${platform()} ${release()}, Node ${process.version}`;
}

function checkoutCommit(): string {
  const git = (...args: string[]): string =>
    execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    const commit = git('rev-parse', '--short=10', 'HEAD');
    return git('status', '--porcelain', '--untracked-files=no') === '' ? commit : `${commit}+dirty`;
  } catch {
    return 'unknown';
  }
}

/** Path of a run's file under bench/results/, for the BENCHMARKS.md section that quotes it. */
export function reportPath(report: Pick<BenchReport, 'name' | 'date' | 'commit'>): string {
  const stamp = report.date.slice(0, 16).replace(':', '');
  return `bench/results/${report.name}/${stamp}Z-${report.commit.replace('+', '-')}.json`;
}

/** Writes this run's bench/results/<name>/<date>-<commit>.json and appends a section to BENCHMARKS.md. */
export async function writeResults(
  name: string,
  results: BenchResult[],
  notes: string[] = [],
  details?: Record<string, unknown>,
): Promise<BenchReport> {
  const report: BenchReport = {
    name,
    date: new Date().toISOString(),
    node: process.version,
    commit: checkoutCommit(),
    machine: machine(),
    loadAverage: loadavg()[0] ?? 0,
    results,
    notes,
    ...(details === undefined ? {} : { details }),
  };
  const path = reportPath(report);
  await mkdir(new URL(`${name}/`, RESULTS_DIR), { recursive: true });
  await writeFile(
    new URL(path.slice('bench/results/'.length), RESULTS_DIR),
    `${JSON.stringify(report, null, 2)}\n`,
  );
  const existing = await readFile(BENCHMARKS_MD, 'utf8').catch(() => '');
  const header =
    existing === '' ? '# Benchmark results\n\nAppended by `pnpm bench`; newest last.\n' : '';
  const section = [
    '',
    `## ${name} — ${report.date.slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Machine: ${report.machine}; commit ${report.commit}; load average ${report.loadAverage.toFixed(1)}. Results: \`${path}\`.`,
    '',
    formatTable(results),
    ...(notes.length > 0 ? ['', ...notes.map((n) => `- ${n}`)] : []),
    '',
  ].join('\n');
  await appendFile(BENCHMARKS_MD, header + section);
  return report;
}

/**
 * Markdown table of medians; each row also shows how `danmaku` compares with it in the same case
 * ("danmaku ÷ subject" for throughput units, the inverse for time units).
 */
export function formatTable(results: BenchResult[]): string {
  const rows = [
    '| case | subject | median | unit | danmaku vs subject |',
    '|---|---|---:|---|---:|',
  ];
  for (const r of results) {
    const ours = results.find(
      (o) => o.case === r.case && o.unit === r.unit && o.subject === 'danmaku',
    );
    let ratio = '';
    if (ours && r.subject !== 'danmaku' && r.value > 0 && ours.value > 0) {
      const lowerIsBetter = /^(ms|s|µs|us|ns)$|\/op$/.test(r.unit);
      ratio = `${(lowerIsBetter ? r.value / ours.value : ours.value / r.value).toFixed(2)}x`;
    }
    rows.push(`| ${r.case} | ${r.subject} | ${formatNumber(r.value)} | ${r.unit} | ${ratio} |`);
  }
  return rows.join('\n');
}

function formatNumber(value: number): string {
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toPrecision(3);
}
