// `pnpm bench:rooms`: one collector process holding 1,000, 5,000 and 10,000 simulated rooms at a
// low rate each (the simulator in its own process): RSS per room, heartbeat lateness p99, and the
// time until every room has joined. Each process gets a raised fd limit (ulimit -n, up to the
// hard limit) from the bash that starts it.
import { writeResults, type BenchResult } from './lib/results.js';
import { COLLECTOR_CHILD, runRoomsCase, type RoomsCaseResult } from './rooms/run-case.js';
import { compileChild } from './harness/compiled-child.js';
import { loadNote, loadNow } from './harness/load-note.js';

const counts = (process.env['BENCH_ROOMS_COUNTS'] ?? '1000,5000,10000').split(',').map(Number);
const RATE_PER_ROOM = Number(process.env['BENCH_ROOMS_RATE'] ?? 0.1);
const CONNECT_RATE = Number(process.env['BENCH_ROOMS_CONNECT_RATE'] ?? 500);
const HEARTBEAT_MS = Number(process.env['BENCH_ROOMS_HEARTBEAT_MS'] ?? 10_000);
const HOLD_MS = Number(process.env['BENCH_ROOMS_HOLD_MS'] ?? 20_000);

const loadAtStart = loadNow();
// Compiled JavaScript, as `danmaku collector` runs; the largest count once more through tsx, as
// every process ran before the build (issue 15), for the before/after rows.
const compiledChild = await compileChild(COLLECTOR_CHILD, ['services/collector']);
const largest = Math.max(...counts);
const runCase = async (rooms: number, compiled: boolean): Promise<RoomsCaseResult> => {
  const result = await runRoomsCase({
    rooms,
    ratePerRoom: RATE_PER_ROOM,
    connectRatePerSec: CONNECT_RATE,
    heartbeatIntervalMs: HEARTBEAT_MS,
    holdMs: HOLD_MS,
    ...(compiled ? { compiledChild } : {}),
  });
  const { usage, ...rest } = result;
  console.log(JSON.stringify({ compiled, ...rest, usage }));
  return result;
};
const cases: RoomsCaseResult[] = [];
for (const rooms of counts) cases.push(await runCase(rooms, true));
const throughTsx = await runCase(largest, false);
const largestLabel = `${largest.toLocaleString('en-US')} rooms`;
const beforeAfter: BenchResult[] = [
  {
    case: `${largestLabel}: heap per room`,
    subject: 'danmaku before (tsx)',
    value: throughTsx.heapPerRoomBytes / 1024,
    unit: 'KB',
  },
  {
    case: `${largestLabel}: RSS per room`,
    subject: 'danmaku before (tsx)',
    value: throughTsx.rssPerRoomBytes / 1024,
    unit: 'KB',
  },
  { case: `${largestLabel}: heap per room`, subject: 'target', value: 12, unit: 'KB' },
  { case: `${largestLabel}: RSS per room`, subject: 'target', value: 50, unit: 'KB' },
];

const results: BenchResult[] = cases.flatMap((c) => {
  const label = `${c.rooms.toLocaleString('en-US')} rooms`;
  const collector = c.usage['collector'];
  return [
    {
      case: `${label}: RSS per room`,
      subject: 'danmaku',
      value: c.rssPerRoomBytes / 1024,
      unit: 'KB',
    },
    {
      case: `${label}: heap per room`,
      subject: 'danmaku',
      value: c.heapPerRoomBytes / 1024,
      unit: 'KB',
    },
    {
      case: `${label}: heartbeat lateness p99`,
      subject: 'danmaku',
      value: c.holdLateness.p99Ms,
      unit: 'ms',
    },
    { case: `${label}: heartbeat lateness p99`, subject: 'target', value: 100, unit: 'ms' },
    {
      case: `${label}: event-loop delay p99`,
      subject: 'danmaku',
      value: c.holdLoopP99Ms,
      unit: 'ms',
    },
    { case: `${label}: all joined after`, subject: 'danmaku', value: c.joinMs / 1000, unit: 's' },
    {
      case: `${label}: collector RSS`,
      subject: 'danmaku',
      value: c.after.rss / 2 ** 20,
      unit: 'MB',
    },
    {
      case: `${label}: collector waiting for a core`,
      subject: 'danmaku',
      value: (collector?.waitingCores ?? 0) * 100,
      unit: '% of wall time',
    },
    {
      case: `${label}: collector CPU`,
      subject: 'danmaku',
      value: (collector?.cores ?? 0) * 100,
      unit: '% of a core',
    },
  ];
});
results.push(...beforeAfter);
const failed = [...cases, throughTsx].filter(
  (c) => c.joinedAtEnd < c.rooms || c.closedSessions > 0,
);
await writeResults('rooms', results, [
  `One collector process (startCollector, counting sink instead of Kafka) and the simulator in another process; WebSocket transport on loopback; ${RATE_PER_ROOM} msgs/s per room, no bursts.`,
  `The collector runs compiled JavaScript (the workspace packages' tsc-built dist/, no tsx), as \`danmaku collector\` does; the “before (tsx)” rows run the same ${largest.toLocaleString('en-US')}-room case once more from the TypeScript sources through tsx, as every process ran before the build (tsx makes esbuild keep every function's name).`,
  `Connect limit raised to ${CONNECT_RATE}/s for the benchmark (default 20/s, i.e. 500 s for 10,000 rooms by design); heartbeat every ${HEARTBEAT_MS / 1000} s (Douyu's is 45 s, so 4.5x the timer load); lateness and event-loop delay measured over ${HOLD_MS / 1000} s after the last join. “All joined after” = first acquire → every room logged in.`,
  'RSS per room = (RSS after the hold − RSS before the first join) ÷ rooms, both after forced GC (target ≤ 50 KB per idle room); the fd limit is raised with `ulimit -n` in the bash that starts each process.',
  ...failed.map(
    (c) =>
      `${c.rooms} rooms: ${c.closedSessions} sessions closed after the first join ` +
      `(${JSON.stringify(c.closeReasons)}) and were reconnected within the process reconnect ` +
      `budget; ${c.joinedAtEnd} rooms joined at the end.`,
  ),
  loadNote(loadAtStart),
]);
