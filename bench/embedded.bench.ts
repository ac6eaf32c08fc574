// `pnpm bench:embedded`: `danmaku run --simulate` (simulator, collector, in-process queue and
// writer into PGlite, all in one process): the time from start to the first row visible, on a
// fresh data directory (PGlite's first start) and on an existing one, and rows/s at full speed.
// The simulator runs in the same thread, so offering more than the writer takes only burns the
// CPU the writer needs: full speed is the best rows/s over a few offered rates.
import { meanMessagesPerSecond } from '@danmaku/simulator';
import { writeResults, type BenchResult } from './lib/results.js';
import { loadNote, loadNow } from './harness/load-note.js';
import { measureCommand } from './embedded/command-cost.js';
import {
  CLI,
  CLI_SOURCE,
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
const HELP_RUNS = 5;
const TSX = ['--conditions=@danmaku/source', '--import', 'tsx'];

const loadAtStart = loadNow();
// Before/after rows (issue 15): the compiled bin against the same sources run through tsx, as
// every process ran before the build, in this one run.
const help = measureCommand([CLI, '--help'], HELP_RUNS);
const helpFromSource = measureCommand([...TSX, CLI_SOURCE, '--help'], HELP_RUNS);
console.log('--help', JSON.stringify({ compiled: help, fromSource: helpFromSource }));
// An empty cache: the very first start on a machine runs PGlite's initdb and leaves the CLI's
// template there; later fresh data directories are restored from it.
const cacheDir = freshDataDir();
const firstDir = freshDataDir();
const dataDir = freshDataDir();
const sourceDir = freshDataDir();
const restarts: number[] = [];
const sourceRestarts: number[] = [];
const speeds: EmbeddedCaseResult[] = [];
let firstEver: EmbeddedCaseResult;
let firstStart: EmbeddedCaseResult;
let sourceFirstStart: EmbeddedCaseResult;
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
  sourceFirstStart = await runEmbeddedCase({ dataDir: sourceDir, fromSource: true, ...startOnly });
  console.log('before (tsx): first start (template)', JSON.stringify(sourceFirstStart));
  for (let i = 0; i < REPEATS; i += 1) {
    const restart = await runEmbeddedCase({ dataDir: sourceDir, fromSource: true, ...startOnly });
    console.log('before (tsx): restart', JSON.stringify(restart));
    sourceRestarts.push(restart.firstRowMs);
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
  [cacheDir, firstDir, dataDir, sourceDir].forEach(removeDataDir);
}
const middle = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const restart = middle(restarts);
const sourceRestart = middle(sourceRestarts);
const best = [...speeds].sort((a, b) => b.rowsPerSec - a.rowsPerSec)[0];

const results: BenchResult[] = [
  { case: 'full speed: written', subject: 'danmaku', value: best?.rowsPerSec ?? 0, unit: 'rows/s' },
  { case: 'full speed: written', subject: 'target', value: 20_000, unit: 'rows/s' },
  ...speeds.flatMap((s): BenchResult[] => {
    // What the simulator says on average, its 5× bursts included (3 rooms at --sim-rate each).
    const offered = `offered ${Math.round(3 * meanMessagesPerSecond({ messagesPerSecond: s.simRate })).toLocaleString('en-US')} msgs/s`;
    return [
      { case: `${offered}: written`, subject: 'danmaku', value: s.rowsPerSec, unit: 'rows/s' },
      {
        case: `${offered}: received`,
        subject: 'danmaku',
        value: s.receivedPerSec,
        unit: 'msgs/s',
      },
      {
        case: `${offered}: CPU`,
        subject: 'danmaku',
        value: (s.usage?.cores ?? 0) * 100,
        unit: '% of a core',
      },
      {
        case: `${offered}: waiting for a core`,
        subject: 'danmaku',
        value: (s.usage?.waitingCores ?? 0) * 100,
        unit: '% of wall time',
      },
      {
        case: `${offered}: RSS`,
        subject: 'danmaku',
        value: (s.usage?.rssBytes ?? 0) / 2 ** 20,
        unit: 'MB',
      },
    ];
  }),
  {
    case: 'first row, first start on a machine (initdb)',
    subject: 'danmaku',
    value: firstEver.firstRowMs / 1000,
    unit: 's',
  },
  { case: 'first row, first start on a machine (initdb)', subject: 'target', value: 3, unit: 's' },
  ...beforeAfter('first row, fresh data dir (from the template)', {
    before: sourceFirstStart.firstRowMs / 1000,
    after: firstStart.firstRowMs / 1000,
    target: 1.5,
    unit: 's',
  }),
  ...beforeAfter('first row, restart (existing data dir)', {
    before: sourceRestart / 1000,
    after: restart / 1000,
    target: 1,
    unit: 's',
  }),
  ...beforeAfter('danmaku --help: wall time', {
    before: helpFromSource.wallMs / 1000,
    after: help.wallMs / 1000,
    target: 0.2,
    unit: 's',
  }),
  ...beforeAfter('danmaku --help: peak RSS', {
    before: helpFromSource.peakRssBytes / 2 ** 20,
    after: help.peakRssBytes / 2 ** 20,
    target: 60,
    unit: 'MB',
  }),
];
await writeResults('embedded', results, [
  `Full speed: \`danmaku run --simulate --sim-rate R\` (3 rooms at R msgs/s each outside bursts) for R in ${RATES.join(', ')}; “offered” is the simulator's long-run mean with its default 5× bursts (~3 s every ~30 s), 3 · 1.36 · R, and “received” what the collector read in the window (bursts make a 10 s window vary); rows/s from the writer's rows_written_total over ${WINDOW_MS / 1000} s after a 3 s warm-up; the best is “full speed”.`,
  `First row = spawn of the process until /metrics first shows a committed row (polled every 50 ms): Node start, PGlite start and migrations included. First start on a machine = empty DANMAKU_CACHE_DIR (PGlite initdb, then the CLI saves its template); fresh data dir = restored from that template; restart = an existing data dir; ${DEFAULT_RATE} msgs/s per room; restart = median of ${REPEATS}.`,
  `Before/after: “danmaku” rows run the compiled bin (apps/danmaku/bin/danmaku.js); “before (tsx)” rows run the same sources through tsx (\`node --conditions=@danmaku/source --import tsx apps/danmaku/src/main.ts\`), as every process ran before the build; the template rows use the template the first start left. --help = median of ${HELP_RUNS} runs under GNU time (wall from spawn to exit; peak RSS = %M).`,
  loadNote(loadAtStart),
]);

/** A row for the compiled bin, one for the tsx start it replaced, and the target. */
function beforeAfter(
  name: string,
  o: { before: number; after: number; target: number; unit: string },
): BenchResult[] {
  return [
    { case: name, subject: 'danmaku', value: o.after, unit: o.unit },
    { case: name, subject: 'danmaku before (tsx)', value: o.before, unit: o.unit },
    { case: name, subject: 'target', value: o.target, unit: o.unit },
  ];
}
