import { NodeChild, REPO_ROOT } from '../harness/node-child.js';
import { ProcSampler, readFdLimit, type ProcUsage } from '../harness/proc-stats.js';

export interface RoomsCaseOptions {
  rooms: number;
  /** Messages per second per room. */
  ratePerRoom: number;
  connectRatePerSec: number;
  heartbeatIntervalMs: number;
  holdMs: number;
  /** Write a heap snapshot of the collector (all rooms joined) to this file. */
  heapSnapshot?: string;
  /** Write a .cpuprofile of the collector here. */
  profileDir?: string;
  /**
   * The collector child compiled to JavaScript (compileChild), run without tsx as production
   * runs; by default the TypeScript child runs through tsx from the sources.
   */
  compiledChild?: string;
}

interface Memory {
  rss: number;
  heapUsed: number;
  external: number;
}
interface Lateness {
  count: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface RoomsCaseResult {
  rooms: number;
  joinMs: number;
  joinLateness: Lateness;
  joinLoopP99Ms: number;
  holdLateness: Lateness;
  holdLoopP99Ms: number;
  joinedAtEnd: number;
  records: number;
  closedSessions: number;
  closeReasons: Record<string, number>;
  baseline: Memory;
  after: Memory;
  rssPerRoomBytes: number;
  heapPerRoomBytes: number;
  fdLimit: number;
  usage: Record<string, ProcUsage>;
}

const FIRST_ROOM = 100_000;
const WARMUP_ROOMS = 20;
// `danmaku sim`: the simulator's one command line.
const SIMULATOR = `${REPO_ROOT}apps/danmaku/src/main.ts`;
export const COLLECTOR_CHILD = new URL('./collector-child.ts', import.meta.url).pathname;

/** One case: a simulator process and a collector process holding `rooms` rooms. */
export async function runRoomsCase(o: RoomsCaseOptions): Promise<RoomsCaseResult> {
  const fdLimit = o.rooms + 4096;
  const sim = new NodeChild(
    SIMULATOR,
    [
      'sim',
      ...['--ws-port', '0', '--tcp-port', '0', '--json', '--stats-every-s', '0'],
      ...['--rooms', String(o.rooms), '--first-room', String(FIRST_ROOM)],
      ...['--rate', String(o.ratePerRoom), '--burst-every-ms', '0'],
    ],
    { name: 'simulator', fdLimit },
  );
  let collector: NodeChild | undefined;
  try {
    const listening = await sim.waitFor((l) => l['event'] === 'listening');
    const wsUrl = (listening['ws'] as string[])[0] ?? '';
    collector = new NodeChild(o.compiledChild ?? COLLECTOR_CHILD, [], {
      name: 'collector',
      tsx: o.compiledChild === undefined,
      fdLimit,
      nodeArgs: [
        '--expose-gc',
        ...(o.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${o.profileDir}`] : []),
      ],
      env: {
        BENCH_WS_URL: wsUrl,
        BENCH_CONNECT_RATE: String(o.connectRatePerSec),
        BENCH_HEARTBEAT_MS: String(o.heartbeatIntervalMs),
      },
    });
    await collector.waitFor((l) => l['event'] === 'ready');
    const limits = Math.min(readFdLimit(sim.pid), readFdLimit(collector.pid));
    if (limits < o.rooms + 256) {
      throw new Error(`fd limit ${limits} is too low for ${o.rooms} rooms (ulimit -Hn?)`);
    }
    // Quiet rooms (outside the simulator's streaming range) load every code path once.
    collector.send({ cmd: 'warmup', first: FIRST_ROOM - 1000, count: WARMUP_ROOMS });
    await collector.waitFor((l) => l['event'] === 'warm');
    collector.send({ cmd: 'baseline' });
    const baseline = (await collector.waitFor((l) => l['event'] === 'baseline'))[
      'memory'
    ] as Memory;
    const sampler = new ProcSampler({ simulator: sim.pid, collector: collector.pid });
    collector.send({ cmd: 'join', first: FIRST_ROOM, count: o.rooms });
    const joined = await collector.waitFor((l) => l['event'] === 'joined', 600_000);
    await new Promise((resolve) => setTimeout(resolve, o.holdMs));
    if (o.heapSnapshot !== undefined) {
      collector.send({ cmd: 'snapshot', file: o.heapSnapshot });
      await collector.waitFor((l) => l['event'] === 'snapshot');
    }
    collector.send({ cmd: 'hold-end' });
    const held = await collector.waitFor((l) => l['event'] === 'held');
    const usage = sampler.stop();
    const after = held['memory'] as Memory;
    return {
      rooms: o.rooms,
      joinMs: joined['ms'] as number,
      joinLateness: joined['lateness'] as Lateness,
      joinLoopP99Ms: joined['loopP99Ms'] as number,
      holdLateness: held['lateness'] as Lateness,
      holdLoopP99Ms: held['loopP99Ms'] as number,
      joinedAtEnd: held['joined'] as number,
      records: held['records'] as number,
      closedSessions: held['closedSessions'] as number,
      closeReasons: held['closeReasons'] as Record<string, number>,
      baseline,
      after,
      rssPerRoomBytes: (after.rss - baseline.rss) / o.rooms,
      heapPerRoomBytes: (after.heapUsed - baseline.heapUsed) / o.rooms,
      fdLimit: limits,
      usage,
    };
  } finally {
    if (collector !== undefined) {
      collector.send({ cmd: 'exit' });
      // Let it exit on its own first: a --cpu-prof profile is written while it exits.
      await Promise.race([collector.exited, new Promise((r) => setTimeout(r, 10_000))]);
      await collector.stop(5_000);
    }
    await sim.stop(10_000);
  }
}
