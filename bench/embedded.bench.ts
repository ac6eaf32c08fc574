// `pnpm bench:embedded`: `danmaku run --simulate` (simulator, collector, in-process queue and
// writer into PGlite, all in one process): the time from start to the first row visible, on a
// fresh data directory (PGlite's first start) and on an existing one, and rows/s at full speed.
// The simulator runs in the same thread, so offering more than the writer takes only burns the
// CPU the writer needs: full speed is the best rows/s over a few offered rates.
import { writeResults, type BenchResult } from './lib/results.js';
import { loadNote, loadNow } from './harness/load-note.js';
import {
  copyDataDir,
  freshDataDir,
  removeDataDir,
  runEmbeddedCase,
  type EmbeddedCaseResult,
} from './embedded/run-cli.js';

const RATES = (process.env['BENCH_EMBEDDED_SIM_RATES'] ?? '1000,3000,8000').split(',').map(Number);
const WINDOW_MS = Number(process.env['BENCH_EMBEDDED_WINDOW_MS'] ?? 10_000);
const REPEATS = Number(process.env['BENCH_EMBEDDED_REPEATS'] ?? 3);
const DEFAULT_RATE = 20;

const loadAtStart = loadNow();
// An empty cache: the very first start on a machine runs PGlite's initdb and leaves the CLI's
// template there; later fresh data directories are restored from it.
const cacheDir = freshDataDir();
const firstDir = freshDataDir();
const dataDir = freshDataDir();
const restarts: number[] = [];
const speeds: EmbeddedCaseResult[] = [];
let firstEver: EmbeddedCaseResult;
let firstStart: EmbeddedCaseResult;
try {
  const startOnly = {
    simRate: DEFAULT_RATE,
    windowMs: 0,
    warmupMs: 0,
    env: { DANMAKU_CACHE_DIR: cacheDir },
  };
  firstEver = await runEmbeddedCase({ dataDir: firstDir, ...startOnly });
  console.log('first start on this machine, default rate', JSON.stringify(firstEver));
  firstStart = await runEmbeddedCase({ dataDir, ...startOnly });
  console.log('first start (template), default rate', JSON.stringify(firstStart));
  for (let i = 0; i < REPEATS; i += 1) {
    const restart = await runEmbeddedCase({ dataDir, ...startOnly });
    console.log('restart, default rate', JSON.stringify(restart));
    restarts.push(restart.firstRowMs);
  }
  for (const simRate of RATES) {
    // A copy per run: the run is killed (a graceful stop would first drain a full queue).
    const copy = copyDataDir(dataDir);
    try {
      const speed = await runEmbeddedCase({
        dataDir: copy,
        simRate,
        windowMs: WINDOW_MS,
        warmupMs: 3_000,
        kill: true,
        env: { DANMAKU_CACHE_DIR: cacheDir },
      });
      console.log(`--sim-rate ${simRate}`, JSON.stringify(speed));
      speeds.push(speed);
    } finally {
      removeDataDir(copy);
    }
  }
} finally {
  [cacheDir, firstDir, dataDir].forEach(removeDataDir);
}
restarts.sort((a, b) => a - b);
const restart = restarts[Math.floor(restarts.length / 2)] ?? 0;
const best = [...speeds].sort((a, b) => b.rowsPerSec - a.rowsPerSec)[0];

const results: BenchResult[] = [
  { case: 'full speed: written', subject: 'danmaku', value: best?.rowsPerSec ?? 0, unit: 'rows/s' },
  { case: 'full speed: written', subject: 'target', value: 20_000, unit: 'rows/s' },
  ...speeds.flatMap((s): BenchResult[] => [
    {
      case: `offered ${(3 * s.simRate).toLocaleString('en-US')} msgs/s: written`,
      subject: 'danmaku',
      value: s.rowsPerSec,
      unit: 'rows/s',
    },
    {
      case: `offered ${(3 * s.simRate).toLocaleString('en-US')} msgs/s: CPU`,
      subject: 'danmaku',
      value: (s.usage?.cores ?? 0) * 100,
      unit: '% of a core',
    },
    {
      case: `offered ${(3 * s.simRate).toLocaleString('en-US')} msgs/s: waiting for a core`,
      subject: 'danmaku',
      value: (s.usage?.waitingCores ?? 0) * 100,
      unit: '% of wall time',
    },
    {
      case: `offered ${(3 * s.simRate).toLocaleString('en-US')} msgs/s: RSS`,
      subject: 'danmaku',
      value: (s.usage?.rssBytes ?? 0) / 2 ** 20,
      unit: 'MB',
    },
  ]),
  {
    case: 'first row, first start on a machine (initdb)',
    subject: 'danmaku',
    value: firstEver.firstRowMs / 1000,
    unit: 's',
  },
  { case: 'first row, first start on a machine (initdb)', subject: 'target', value: 3, unit: 's' },
  {
    case: 'first row, fresh data dir (from the template)',
    subject: 'danmaku',
    value: firstStart.firstRowMs / 1000,
    unit: 's',
  },
  { case: 'first row, fresh data dir (from the template)', subject: 'target', value: 3, unit: 's' },
  {
    case: 'first row, restart (existing data dir)',
    subject: 'danmaku',
    value: restart / 1000,
    unit: 's',
  },
  { case: 'first row, restart (existing data dir)', subject: 'target', value: 3, unit: 's' },
];
await writeResults('embedded', results, [
  `Full speed: \`danmaku run --simulate --sim-rate R\` (3 rooms, so 3·R msgs/s offered) for R in ${RATES.join(', ')}; rows/s from the writer's rows_written_total over ${WINDOW_MS / 1000} s after a 3 s warm-up; the best is “full speed”.`,
  `First row = spawn of the process until /metrics first shows a committed row (polled every 50 ms): Node + tsx start, PGlite start and migrations included. First start on a machine = empty DANMAKU_CACHE_DIR (PGlite initdb, then the CLI saves its template); fresh data dir = restored from that template; restart = an existing data dir; ${DEFAULT_RATE} msgs/s per room; restart = median of ${REPEATS}.`,
  loadNote(loadAtStart),
]);
