// One collector process for `pnpm bench:rooms`: startCollector (the composition root of
// `danmaku collector`) with a sink that only counts, so per-room memory and timer lateness are the
// collector's own. Driven by JSON commands on stdin; reports JSON lines on stdout.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { writeHeapSnapshot } from 'node:v8';
import { loadCollectorConfig, startCollector } from '@danmaku/collector';
import type { RecordSink } from '@danmaku/records';
import { LatencyHistogram } from '../harness/latency-histogram.js';
import { onCommands, report } from '../harness/node-child.js';

const env = process.env;
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with --expose-gc');

let records = 0;
let closedSessions = 0;
const closeReasons = new Map<string, number>();
const sink: RecordSink = {
  send: () => void (records += 1),
  sendSession: (event) => {
    if (event.event !== 'closed') return;
    closedSessions += 1;
    const reason = event.reason ?? 'unknown';
    closeReasons.set(reason, (closeReasons.get(reason) ?? 0) + 1);
  },
  close: () => Promise.resolve(),
};

const config = loadCollectorConfig({}, [], {
  transport: 'ws',
  endpoints: [env['BENCH_WS_URL']],
  rooms: [],
  logLevel: 'warn',
  connectRatePerSec: env['BENCH_CONNECT_RATE'],
  heartbeatIntervalMs: env['BENCH_HEARTBEAT_MS'],
});
const collector = await startCollector(config, { sink, http: false });

// The RoomManager observes every heartbeat's lateness into this histogram; keep exact values too.
const lateness = new LatencyHistogram();
const histogram = collector.metrics.heartbeatLateness as unknown as { observe(v: number): void };
const observe = histogram.observe.bind(histogram);
histogram.observe = (seconds: number) => {
  // A connection's first heartbeat goes out at once (lateness 0); only timer-fired ones count.
  if (seconds > 0) lateness.record(seconds * 1000);
  observe(seconds);
};
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();

const leases: Array<{ release(): Promise<void> }> = [];

async function settledMemory(): Promise<NodeJS.MemoryUsage> {
  for (let i = 0; i < 4; i += 1) {
    gc?.();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return process.memoryUsage();
}

async function join(first: number, count: number): Promise<number> {
  const started = performance.now();
  const target = collector.rooms.joined + count;
  for (let i = 0; i < count; i += 1) leases.push(collector.rooms.acquire(first + i));
  while (collector.rooms.joined < target) await new Promise((r) => setTimeout(r, 20));
  return performance.now() - started;
}

async function handle(command: Record<string, unknown>): Promise<void> {
  const first = Number(command['first']);
  const count = Number(command['count']);
  switch (command['cmd']) {
    case 'warmup': {
      await join(first, count);
      await Promise.all(leases.splice(0).map((lease) => lease.release()));
      report({ event: 'warm' });
      break;
    }
    case 'baseline':
      report({ event: 'baseline', memory: await settledMemory() });
      break;
    case 'join': {
      lateness.reset();
      loopDelay.reset();
      closedSessions = 0;
      closeReasons.clear();
      const ms = await join(first, count);
      report({
        event: 'joined',
        ms,
        lateness: lateness.summary(),
        loopP99Ms: loopDelay.percentile(99) / 1e6,
      });
      lateness.reset();
      loopDelay.reset();
      break;
    }
    case 'hold-end':
      report({
        event: 'held',
        lateness: lateness.summary(),
        loopP99Ms: loopDelay.percentile(99) / 1e6,
        loopMaxMs: loopDelay.max / 1e6,
        joined: collector.rooms.joined,
        records,
        closedSessions,
        closeReasons: Object.fromEntries(closeReasons),
        memory: await settledMemory(),
      });
      break;
    case 'snapshot':
      report({ event: 'snapshot', file: writeHeapSnapshot(String(command['file'])) });
      break;
    case 'exit':
      process.exit(0); // a profile (--cpu-prof) is still written on process.exit
  }
}

onCommands((command) => {
  handle(command).catch((error: unknown) => {
    report({ event: 'error', message: String(error) });
    process.exit(1);
  });
});
report({ event: 'ready' });
