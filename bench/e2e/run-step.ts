import { median } from '../lib/measure.js';
import { ProcSampler, type ProcUsage } from '../harness/proc-stats.js';
import { scrape } from '../harness/prom-text.js';
import {
  LagProbe,
  createDatabase,
  createTopics,
  dropDatabase,
  kafkaPid,
  lagSlope,
  type LagSample,
} from './pipeline.js';
import { startProcesses, stopProcesses, waitForJoin, type Processes } from './processes.js';
import type { StepOptions } from './step-options.js';

export interface StepResult {
  rate: number;
  /** Rooms logged in when the warm-up began (all of them unless the machine is overloaded). */
  roomsJoined: number;
  /** Bodies the collector received per second (what the simulator delivered). */
  receivedPerSec: number;
  /** Raw records the writer committed to PostgreSQL per second. */
  committedPerSec: number;
  lagSlopePerSec: number;
  lagAtEnd: number;
  latency: { count: number; p50Ms: number; p99Ms: number; maxMs: number };
  dropped: number;
  /** Median `SELECT 1` round trip during the window (scheduling delay on a busy machine). */
  pgRttMs: number;
  /** Writer transactions over the window: how many per second, their size and duration. */
  writerBatches: { perSec: number; meanRecords: number; meanWriteMs: number; retries: number };
  usage: Record<string, ProcUsage>;
}

/** One offered rate through simulator → collector → Kafka → writer → PostgreSQL, fresh state. */
export async function runStep(o: StepOptions): Promise<StepResult> {
  const raw = `e2e-${o.id}-raw`;
  const sessions = `e2e-${o.id}-sessions`;
  const dbName = `bench_e2e_${o.id.replace(/\W/g, '_')}`;
  await createTopics(o.admin, raw, sessions);
  const databaseUrl = await createDatabase(o.adminUrl, dbName);
  const probe = new LagProbe(o.admin, databaseUrl, raw);
  await probe.open();
  let procs: Processes | undefined;
  try {
    procs = await startProcesses(o, databaseUrl, raw, sessions);
    const joined = await waitForJoin(procs.metricsUrl, o.rooms);
    await new Promise((resolve) => setTimeout(resolve, o.warmupMs));
    return { ...(await measureWindow(o, procs, probe, dbName)), roomsJoined: joined };
  } finally {
    await stopProcesses(procs);
    await probe.close();
    await dropDatabase(o.adminUrl, dbName);
    await o.admin.deleteTopics({ topics: [raw, sessions] }).catch(() => undefined);
  }
}

async function measureWindow(
  o: StepOptions,
  procs: Processes,
  probe: LagProbe,
  dbName: string,
): Promise<Omit<StepResult, 'roomsJoined'>> {
  const pids: Record<string, number> = {
    simulator: procs.sim.pid,
    collector: procs.collector.pid,
    writer: procs.writer.pid,
  };
  const broker = kafkaPid(o.brokers[0] ?? '');
  if (broker !== undefined) pids['kafka'] = broker;
  (await probe.backendPids(dbName)).forEach((pid, i) => (pids[`postgres-${i}`] = pid));
  procs.writer.send({ cmd: 'reset' });
  await procs.writer.waitFor((l) => l['event'] === 'reset');
  const sampler = new ProcSampler(pids);
  const before = await scrape(procs.metricsUrl);
  const writerBefore = await scrape(procs.writerMetricsUrl);
  const samples: LagSample[] = [await probe.sample()];
  const end = performance.now() + o.windowMs;
  while (performance.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    samples.push(await probe.sample());
  }
  const after = await scrape(procs.metricsUrl);
  const writerAfter = await scrape(procs.writerMetricsUrl);
  procs.writer.send({ cmd: 'latency' });
  const latency = await procs.writer.waitFor((l) => l['event'] === 'latency');
  const usage = sampler.stop();
  const first = samples[0] as LagSample;
  const last = samples.at(-1) as LagSample;
  const seconds = (last.atMs - first.atMs) / 1000;
  const delta = (name: string) => (after.get(name) ?? 0) - (before.get(name) ?? 0);
  const writerDelta = (name: string) =>
    (writerAfter.get(name) ?? 0) - (writerBefore.get(name) ?? 0);
  const batches = writerDelta('danmaku_writer_batch_records_count');
  return {
    rate: o.rate,
    receivedPerSec: delta('danmaku_collector_messages_received_total') / seconds,
    committedPerSec: (last.committed - first.committed) / seconds,
    lagSlopePerSec: lagSlope(samples),
    lagAtEnd: last.produced - last.committed,
    latency: latency as unknown as StepResult['latency'],
    dropped: delta('danmaku_collector_records_dropped_total'),
    pgRttMs: median(samples.map((sample) => sample.rttMs)),
    writerBatches: {
      perSec: batches / seconds,
      retries: writerDelta('danmaku_writer_db_retries_total'),
      meanRecords: batches > 0 ? writerDelta('danmaku_writer_batch_records_sum') / batches : 0,
      meanWriteMs:
        batches > 0 ? (1000 * writerDelta('danmaku_writer_batch_write_seconds_sum')) / batches : 0,
    },
    usage: mergePostgres(usage),
  };
}

/** One "postgres" entry: the writer's backends summed (CPU, private memory). */
function mergePostgres(usage: Record<string, ProcUsage>): Record<string, ProcUsage> {
  const merged: Record<string, ProcUsage> = {};
  const pgTotal: ProcUsage = {
    cores: 0,
    peakRssBytes: 0,
    rssBytes: 0,
    anonBytes: 0,
    waitingCores: 0,
  };
  for (const [name, u] of Object.entries(usage)) {
    if (!name.startsWith('postgres-')) {
      merged[name] = u;
      continue;
    }
    pgTotal.cores += u.cores;
    pgTotal.rssBytes += u.rssBytes;
    pgTotal.peakRssBytes += u.peakRssBytes;
    pgTotal.anonBytes += u.anonBytes;
    pgTotal.waitingCores += u.waitingCores;
  }
  merged['postgres'] = pgTotal;
  return merged;
}
