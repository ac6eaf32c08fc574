import { freePort } from '../harness/free-port.js';
import { NodeChild, REPO_ROOT } from '../harness/node-child.js';
import { scrape } from '../harness/prom-text.js';
import type { StepOptions } from './step-options.js';

const FIRST_ROOM = 1001;
// `danmaku sim`: the simulator's one command line.
const SIMULATOR = `${REPO_ROOT}apps/danmaku/src/main.ts`;
const COLLECTOR = `${REPO_ROOT}services/collector/src/main.ts`;
const WRITER = new URL('./writer-child.ts', import.meta.url).pathname;

/** The three Node processes of a step (Kafka and PostgreSQL run on their own). */
export interface Processes {
  sim: NodeChild;
  writer: NodeChild;
  collector: NodeChild;
  metricsUrl: string;
  writerMetricsUrl: string;
}

type Env = Record<string, string>;

function profileArgs(o: StepOptions, name: string): string[] {
  return o.profileDir === undefined
    ? []
    : ['--cpu-prof', `--cpu-prof-dir=${o.profileDir}/${name}-${o.rate}`];
}

function startSimulator(o: StepOptions): NodeChild {
  return new NodeChild(
    SIMULATOR,
    [
      'sim',
      ...['--ws-port', '0', '--tcp-port', '0', '--json', '--stats-every-s', '0'],
      ...['--rooms', String(o.rooms), '--first-room', String(FIRST_ROOM)],
      ...['--rate', String(o.rate / o.rooms), '--burst-every-ms', '0'],
    ],
    { name: 'simulator' },
  );
}

function collectorEnv(o: StepOptions, wsUrl: string, port: number): Env {
  return {
    DOUYU_TRANSPORT: 'ws',
    DOUYU_ENDPOINTS: wsUrl,
    ROOMS: Array.from({ length: o.rooms }, (_, i) => FIRST_ROOM + i).join(','),
    CONNECT_RATE_PER_SEC: '200',
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: String(port),
    LOG_LEVEL: process.env['BENCH_E2E_LOG_LEVEL'] ?? 'warn',
    COLLECTOR_ID: `bench-${o.id}`,
  };
}

/** Simulator, then the writer (ready), then the collector with every room. */
export async function startProcesses(
  o: StepOptions,
  databaseUrl: string,
  raw: string,
  sessions: string,
): Promise<Processes> {
  const sim = startSimulator(o);
  const listening = await sim.waitFor((l) => l['event'] === 'listening');
  const kafka: Env = {
    KAFKA_BROKERS: o.brokers.join(','),
    KAFKA_RAW_TOPIC: raw,
    KAFKA_SESSIONS_TOPIC: sessions,
  };
  const writerPort = await freePort();
  const writer = new NodeChild(WRITER, [], {
    name: 'writer',
    nodeArgs: profileArgs(o, 'writer'),
    env: {
      ...kafka,
      DATABASE_URL: databaseUrl,
      WRITER_GROUP_ID: `bench-${o.id}`,
      WRITER_MIGRATE: 'false',
      WRITER_METRICS_PORT: String(writerPort),
      WRITER_METRICS_HOST: '127.0.0.1',
    },
  });
  await writer.waitFor((l) => l['event'] === 'ready');
  const port = await freePort();
  const collector = new NodeChild(COLLECTOR, [], {
    name: 'collector',
    nodeArgs: profileArgs(o, 'collector'),
    env: { ...kafka, ...collectorEnv(o, (listening['ws'] as string[])[0] ?? '', port) },
  });
  return {
    sim,
    writer,
    collector,
    metricsUrl: `http://127.0.0.1:${port}/metrics`,
    writerMetricsUrl: `http://127.0.0.1:${writerPort}/metrics`,
  };
}

/** Waits until every room is logged in (or 60 s); returns how many are. */
export async function waitForJoin(metricsUrl: string, rooms: number): Promise<number> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const joined = await scrape(metricsUrl).then(
      (m) => m.get('danmaku_collector_rooms_joined') ?? 0,
      () => 0,
    );
    if (joined >= rooms || Date.now() > deadline) return joined;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export async function stopProcesses(procs: Processes | undefined): Promise<void> {
  if (procs === undefined) return;
  await procs.collector.stop();
  await procs.writer.stop();
  await procs.sim.stop();
}
