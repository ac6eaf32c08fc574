// Rooms from BullMQ queue `rooms`: add and remove a watch, a cron-scheduled crawl window.
import { loadCollectorConfig, startCollector, type Collector } from '@danmaku/collector';
import { RoomQueue, watchJobId } from '@danmaku/collector/room-queue';
import type { RawRecord, RecordSink, SessionEvent } from '@danmaku/records';
import { startSimulator, type Simulator } from '@danmaku/simulator';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { waitForValue } from './collector-support.js';
import { describeWithServices, services, uniqueName, waitFor } from './support/index.js';

function arraySink(): RecordSink & { records: RawRecord[]; sessions: SessionEvent[] } {
  const records: RawRecord[] = [];
  const sessions: SessionEvent[] = [];
  return {
    records,
    sessions,
    send: (record) => void records.push(record),
    sendSession: (event) => void sessions.push(event),
    close: () => Promise.resolve(),
  };
}

describeWithServices(['redis'], 'collector: rooms from BullMQ', () => {
  let sim: Simulator;
  let collector: Collector;
  let admin: RoomQueue;
  let redis: Redis;
  const sink = arraySink();

  beforeAll(async () => {
    const queueName = uniqueName('rooms');
    sim = await startSimulator({
      seed: 9,
      listen: { ws: [0], tcp: [] },
      traffic: { messagesPerSecond: 10 },
    });
    redis = new Redis(services().redisUrl, { maxRetriesPerRequest: null });
    admin = new RoomQueue({ connection: redis, queueName });
    const config = loadCollectorConfig({
      COLLECTOR_ID: 'bullmq-a',
      REDIS_URL: services().redisUrl,
      ROOMS_QUEUE: queueName,
      DOUYU_ENDPOINTS: sim.wsUrl(),
      JOB_PROGRESS_INTERVAL_MS: '500',
      HTTP_PORT: '0',
      HTTP_HOST: '127.0.0.1',
      LOG_LEVEL: 'error',
    });
    collector = await startCollector(config, { sink });
    await waitFor(() => collector.ready, { what: 'collector ready' });
  });

  afterAll(async () => {
    await collector?.close();
    await admin?.queue.obliterate({ force: true });
    await admin?.close();
    await redis?.quit();
    await sim?.close();
  });

  it('takes an added room, reports its message count as progress, and stops it within 5 s of removal', async () => {
    const room = 31_001;
    expect(await admin.addRoom(room)).toBe('added');
    expect(await admin.addRoom(room)).toBe('exists');
    await waitFor(() => sink.sessions.some((e) => e.room === room && e.event === 'logged_in'), {
      what: 'room logged in',
    });
    const listed = await waitForValue(
      async () => {
        const rooms = await admin.listRooms();
        const entry = rooms.find((r) => r.id === watchJobId(room));
        return entry && entry.messages > 0 ? entry : undefined;
      },
      { what: 'job progress = message count' },
    );
    expect(listed).toMatchObject({
      state: 'active',
      collector: 'bullmq-a',
      data: { kind: 'watch', room },
    });
    expect(listed.messages).toBeLessThanOrEqual(sink.records.filter((r) => r.room === room).length);

    const removedAt = Date.now();
    expect(await admin.removeRoom(room)).toBe('stopping');
    await waitFor(() => sink.sessions.some((e) => e.room === room && e.event === 'closed'), {
      timeoutMs: 5_000,
      what: 'room logged out',
    });
    expect(Date.now() - removedAt).toBeLessThan(5_000);
    const closed = sink.sessions.find((e) => e.room === room && e.event === 'closed');
    expect(closed?.reason).toBe('user');
    await waitFor(async () => (await admin.queue.getJob(watchJobId(room))) === undefined, {
      what: 'job gone from the queue',
    });
    expect(collector.rooms.has(room)).toBe(false);
    expect(await admin.removeRoom(room)).toBe('absent');
  });

  it('opens a cron-scheduled crawl window on time and closes it after its duration', async () => {
    const room = 31_002;
    const periodMs = 8_000;
    const durationMs = 3_000;
    await admin.scheduleCrawl({ id: 'crawl-31002', room, pattern: '*/8 * * * * *', durationMs });
    const loggedIn = await waitForValue(
      () => sink.sessions.find((e) => e.room === room && e.event === 'logged_in'),
      // Two periods: a fire missed on a loaded machine (the job picked up after its window was
      // over) is skipped, and the next one must open on time (asserted below).
      { timeoutMs: 2 * periodMs + 5_000, what: 'window opened' },
    );
    const closed = await waitForValue(
      () => sink.sessions.find((e) => e.room === room && e.event === 'closed'),
      { timeoutMs: durationMs + 5_000, what: 'window closed' },
    );
    // Cron fires on multiples of 8 s within the minute; the window is [fire, fire + duration).
    const fire = cronFireBefore(loggedIn.at, periodMs);
    expect(loggedIn.at - fire).toBeLessThan(1_500);
    expect(closed.at - (fire + durationMs)).toBeGreaterThanOrEqual(-50);
    expect(closed.at - (fire + durationMs)).toBeLessThan(1_500);
    expect(closed.reason).toBe('user');

    expect(await admin.removeCrawl('crawl-31002')).toBe(true);
    expect(await admin.listCrawls()).toEqual([]);
    const windows = sink.sessions.filter((e) => e.room === room && e.event === 'logged_in').length;
    await new Promise((r) => setTimeout(r, periodMs + 1_000));
    expect(sink.sessions.filter((e) => e.room === room && e.event === 'logged_in')).toHaveLength(
      windows,
    );
  });
});

// The last fire time of a seconds-step cron pattern at or before atMs (steps restart each minute).
function cronFireBefore(atMs: number, periodMs: number): number {
  const minute = Math.floor(atMs / 60_000) * 60_000;
  return minute + Math.floor((atMs - minute) / periodMs) * periodMs;
}
