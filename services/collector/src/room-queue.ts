import { Queue, type JobSchedulerJson } from 'bullmq';
import type { Redis } from 'ioredis';
import { StopMarkers } from './stop-markers.js';

export const DEFAULT_ROOMS_QUEUE = 'rooms';

/** Data of a `watch` job (always-on room) or a `crawl` job (one window of a schedule). */
export type RoomJobData =
  | { kind: 'watch'; room: number }
  | { kind: 'crawl'; room: number; durationMs: number; schedule: string };

export interface CrawlSchedule {
  /** Scheduler id, unique per queue; upserting the same id replaces the schedule. */
  id: string;
  room: number;
  /** Cron pattern (seconds field optional), e.g. `0 20 * * *`. */
  pattern: string;
  /** How long each window holds the room. */
  durationMs: number;
  /** IANA time zone of the pattern; default UTC. */
  tz?: string;
}

export interface RoomQueueOptions {
  /** ioredis connection; owned by the caller. */
  connection: Redis;
  queueName?: string;
  prefix?: string;
}

export function watchJobId(room: number): string {
  return `room-${room}`;
}

/** Failed room jobs retry (a watch is meant to last); the retry spacing is fixed, not growing. */
const RETRY = { attempts: 1_000_000, backoff: { type: 'fixed', delay: 5_000 } } as const;

/**
 * The producer side of queue `rooms`, for the CLI (`danmaku rooms`, `danmaku schedule`) and
 * tests: add or remove always-on rooms, add or remove crawl schedules.
 */
export class RoomQueue {
  readonly queue: Queue<RoomJobData>;
  readonly #markers: StopMarkers;

  constructor(options: RoomQueueOptions) {
    const queueName = options.queueName ?? DEFAULT_ROOMS_QUEUE;
    const prefix = options.prefix ?? 'bull';
    this.queue = new Queue<RoomJobData>(queueName, { connection: options.connection, prefix });
    this.#markers = new StopMarkers(options.connection, prefix, queueName);
  }

  /** Adds an always-on watch; adding a room already watched changes nothing. */
  async addRoom(room: number): Promise<'added' | 'exists'> {
    assertRoom(room);
    const jobId = watchJobId(room);
    await this.#markers.clear(jobId);
    const existing = await this.queue.getJob(jobId);
    if (existing) return 'exists';
    await this.queue.add(
      'watch',
      { kind: 'watch', room },
      {
        jobId,
        removeOnComplete: true,
        removeOnFail: { count: 1000 },
        ...RETRY,
      },
    );
    return 'added';
  }

  /**
   * Removes a watch. A waiting job is deleted at once; an active one gets a stop marker, which
   * its collector reads within its poll interval (1 s by default) and then logs out of the room.
   */
  async removeRoom(room: number): Promise<'removed' | 'stopping' | 'absent'> {
    return this.#stop(watchJobId(room));
  }

  /** Creates or replaces a crawl schedule (BullMQ job scheduler: cron pattern + duration). */
  async scheduleCrawl(schedule: CrawlSchedule): Promise<void> {
    assertRoom(schedule.room);
    if (!(schedule.durationMs > 0)) throw new RangeError('durationMs must be > 0');
    await this.#markers.clear(schedule.id);
    await this.queue.upsertJobScheduler(
      schedule.id,
      { pattern: schedule.pattern, tz: schedule.tz ?? 'UTC' },
      {
        name: 'crawl',
        data: {
          kind: 'crawl',
          room: schedule.room,
          durationMs: schedule.durationMs,
          schedule: schedule.id,
        },
        opts: {
          removeOnComplete: true,
          removeOnFail: { count: 1000 },
          attempts: 3,
          backoff: RETRY.backoff,
        },
      },
    );
  }

  /** Removes a schedule; a window that is running stops within the poll interval. */
  async removeCrawl(id: string): Promise<boolean> {
    const existed = await this.queue.removeJobScheduler(id);
    const active = await this.queue.getJobs(['active']);
    if (active.some((job) => job.repeatJobKey === id)) await this.#markers.request(id);
    return existed;
  }

  async listCrawls(): Promise<JobSchedulerJson<RoomJobData>[]> {
    return this.queue.getJobSchedulers(0, -1, true);
  }

  /** Watches and windows with their state, message count (progress) and holding collector. */
  async listRooms(): Promise<
    Array<{
      id: string;
      data: RoomJobData;
      state: string;
      messages: number;
      collector: string | undefined;
    }>
  > {
    const jobs = await this.queue.getJobs(['active', 'waiting', 'delayed', 'prioritized']);
    return Promise.all(
      jobs.map(async (job) => ({
        id: job.id ?? '',
        data: job.data,
        state: await job.getState(),
        messages: typeof job.progress === 'number' ? job.progress : 0,
        collector: job.processedBy,
      })),
    );
  }

  async close(): Promise<void> {
    await this.queue.close();
  }

  async #stop(watchId: string): Promise<'removed' | 'stopping' | 'absent'> {
    await this.#markers.request(watchId);
    const job = await this.queue.getJob(watchId);
    if (!job) {
      await this.#markers.clear(watchId);
      return 'absent';
    }
    if ((await job.getState()) !== 'active') {
      try {
        await job.remove();
        await this.#markers.clear(watchId);
        return 'removed';
      } catch {
        // It became active (locked) meanwhile: the marker stops it.
      }
    }
    return 'stopping';
  }
}

function assertRoom(room: number): void {
  if (!Number.isSafeInteger(room) || room <= 0) throw new RangeError(`bad room id ${room}`);
}
