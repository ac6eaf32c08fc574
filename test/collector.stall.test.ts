// Lock tuning (issue 17): with the default lock (5 s, renewed every 2.5 s or sooner) and stalled
// check (2 s), an event-loop stall shorter than lock / 2 never loses a room to another collector,
// and one longer than the lock does (which shows the first check can fail).
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadCollectorConfig, startCollector, type Collector } from '@danmaku/collector';
import { RoomQueue, watchJobId } from '@danmaku/collector/room-queue';
import type { RecordSink, SessionEvent } from '@danmaku/records';
import { startSimulator, type Simulator } from '@danmaku/simulator';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithServices, services, uniqueName, waitFor } from './support/index.js';

const collectorDir = fileURLToPath(new URL('../services/collector', import.meta.url));
const ROOM = 61_001;

/** A bare BullMQ worker with the collector's default lock settings that prints what it takes. */
function spawnRival(queueName: string): { child: ChildProcess; taken: string[] } {
  const script = `
    import { Worker } from 'bullmq';
    import { Redis } from 'ioredis';
    const connection = new Redis(process.env.REDIS_URL, { maxRetriesPerRequest: null });
    new Worker(process.env.QUEUE, async (job) => {
      process.stdout.write('took ' + job.id + '\\n');
      await new Promise(() => undefined);
    }, { connection, name: 'rival', lockDuration: 5000, stalledInterval: 2000, maxStalledCount: 1000 });
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    cwd: collectorDir,
    env: { ...process.env, REDIS_URL: services().redisUrl, QUEUE: queueName },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const taken: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => taken.push(chunk.toString().trim()));
  return { child, taken };
}

/** Blocks this process's event loop, as a long GC pause or a synchronous hot loop would. */
function stallEventLoop(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

describeWithServices(['redis'], 'collector: event-loop stalls and the job lock', () => {
  let sim: Simulator;
  let redis: Redis;
  let admin: RoomQueue;
  let collector: Collector;
  let rival: ReturnType<typeof spawnRival>;
  const sessions: SessionEvent[] = [];

  beforeAll(async () => {
    const queueName = uniqueName('rooms');
    sim = await startSimulator({ seed: 3, listen: { ws: [0], tcp: [] } });
    redis = new Redis(services().redisUrl, { maxRetriesPerRequest: null });
    admin = new RoomQueue({ connection: redis, queueName });
    const sink: RecordSink = {
      send: () => undefined,
      sendSession: (event) => void sessions.push(event),
      close: () => Promise.resolve(),
    };
    const config = loadCollectorConfig({
      COLLECTOR_ID: 'stall-a',
      REDIS_URL: services().redisUrl,
      ROOMS_QUEUE: queueName,
      DOUYU_ENDPOINTS: sim.wsUrl(),
      LOG_LEVEL: 'error',
    });
    expect([config.lockDurationMs, config.stalledIntervalMs]).toEqual([5_000, 2_000]);
    collector = await startCollector(config, { sink, http: false });
    await waitFor(() => collector.ready, { what: 'collector ready' });
    await admin.addRoom(ROOM);
    await waitFor(
      async () => (await admin.queue.getJob(watchJobId(ROOM)))?.processedBy === 'stall-a',
      {
        what: 'A holds the room',
      },
    );
    rival = spawnRival(queueName);
    await waitFor(async () => (await admin.queue.getWorkers()).length >= 2, {
      timeoutMs: 30_000,
      what: 'rival worker up',
    });
  });

  afterAll(async () => {
    rival?.child.kill('SIGKILL');
    await collector?.close();
    await admin?.queue.obliterate({ force: true });
    await admin?.close();
    await redis?.quit();
    await sim?.close();
  });

  it('keeps the room through a 2 s stall (< lock / 2)', async () => {
    stallEventLoop(2_000);
    // Long enough for the lock to have expired and two stalled checks to have run, had it lapsed.
    await new Promise((r) => setTimeout(r, 8_000));
    expect(rival.taken).toEqual([]);
    expect((await admin.queue.getJob(watchJobId(ROOM)))?.processedBy).toBe('stall-a');
    expect(sessions.filter((e) => e.event === 'closed')).toEqual([]);
  }, 20_000);

  it('loses the room to the other worker in a stall longer than the lock', async () => {
    stallEventLoop(7_500);
    await waitFor(() => rival.taken.length > 0, {
      timeoutMs: 10_000,
      what: 'rival takes the room',
    });
    expect(rival.taken).toEqual([`took ${watchJobId(ROOM)}`]);
    // A sees its renewal fail and logs out instead of collecting beside the rival.
    await waitFor(() => !collector.rooms.has(ROOM), { timeoutMs: 10_000, what: 'A lets go' });
  }, 30_000);
});
