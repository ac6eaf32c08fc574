// `pnpm bench:e2e`: simulator → collector → Kafka → writer → PostgreSQL on this machine, each its
// own process. Steps the offered rate up until the writer's consumer lag stops being bounded (or
// the source cannot deliver the rate); reports ingest latency (collector receive time → row
// committed) at 5,000 msgs/s and at the highest sustained rate, with CPU and RSS per process.
import { Kafka, logLevel } from 'kafkajs';
import { writeResults, type BenchResult } from './lib/results.js';
import { benchKafka } from './writer/kafka.js';
import { describeStep, stepPassed, stepResults } from './e2e/report.js';
import { RAW_PARTITIONS } from './e2e/pipeline.js';
import { runStep, type StepResult } from './e2e/run-step.js';
import { loadNote, loadNow } from './harness/load-note.js';

const RATES = (process.env['BENCH_E2E_RATES'] ?? '5000,10000,20000,30000').split(',').map(Number);
const ROOMS = Number(process.env['BENCH_E2E_ROOMS'] ?? 100);
const WINDOW_MS = Number(process.env['BENCH_E2E_WINDOW_MS'] ?? 20_000);
const WARMUP_MS = Number(process.env['BENCH_E2E_WARMUP_MS'] ?? 5_000);
const PROFILE_DIR = process.env['BENCH_E2E_PROFILE_DIR'];
/** No new step starts after this many seconds (keeps `pnpm bench` under 15 minutes). */
const BUDGET_S = Number(process.env['BENCH_E2E_BUDGET_S'] ?? 180);
const adminUrl = process.env['BENCH_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

const loadAtStart = loadNow();
const kafka = await benchKafka();
const admin = new Kafka({
  clientId: 'bench-e2e',
  brokers: kafka.brokers,
  logLevel: logLevel.WARN,
}).admin();
await admin.connect();
const steps: StepResult[] = [];
const startedAt = performance.now();
const overBudget = (): boolean => (performance.now() - startedAt) / 1000 > BUDGET_S;
let stoppedByBudget = false;
try {
  const step = async (rate: number): Promise<StepResult> => {
    const result = await runStep({
      rate,
      rooms: ROOMS,
      brokers: kafka.brokers,
      admin,
      adminUrl,
      warmupMs: WARMUP_MS,
      windowMs: WINDOW_MS,
      profileDir: PROFILE_DIR,
      id: `${process.pid}_${rate}`,
    });
    steps.push(result);
    console.log(describeStep(result));
    return result;
  };
  let lastPassed: number | undefined;
  for (const rate of RATES) {
    if (steps.length > 0 && overBudget()) {
      stoppedByBudget = true;
      break;
    }
    if (stepPassed(await step(rate))) {
      lastPassed = rate;
      continue;
    }
    // One more step halfway between the last rate that held and the first that did not.
    if (lastPassed !== undefined && rate - lastPassed > 2_000 && !overBudget()) {
      await step(Math.round((lastPassed + rate) / 2 / 500) * 500);
    }
    break;
  }
} finally {
  await admin.disconnect();
  kafka.stop();
}

const results: BenchResult[] = stepResults(steps);
await writeResults('e2e', results, [
  `${ROOMS} simulated rooms (no bursts), WebSocket; raw topic ${RAW_PARTITIONS} partitions; collector and writer with their default settings. Fresh topics and database per step; ${WARMUP_MS / 1000} s warm-up, ${WINDOW_MS / 1000} s window.`,
  'Latency = writer commit time − Kafka record timestamp (the collector receive time), every raw record of the window. Lag = sum of high watermarks − sum of next offsets stored in PostgreSQL, sampled each second; bounded = slope ≤ 3% of the rate and ≤ 2 s of messages behind at the end. A step is sustained only with all of: ≥ 95% of the rate received, lag bounded, latency p99 ≤ 2 s, and 0 records dropped by the collector.',
  'CPU over the window (100% = one core busy), RSS at its end; postgres = the writer’s backends (private memory only), kafka = the broker JVM. CPU per message = CPU ÷ messages received (writer, postgres: ÷ committed).',
  'CPU ceiling = cores ÷ the sum of CPU per message of every process: the rate this machine could carry if nothing else ran and every process could use any core; “w/o simulator” leaves out the load generator.',
  ...(stoppedByBudget
    ? [
        `The step search stopped after ${BUDGET_S} s (BENCH_E2E_BUDGET_S) before every rate was tried.`,
      ]
    : []),
  loadNote(loadAtStart),
]);
