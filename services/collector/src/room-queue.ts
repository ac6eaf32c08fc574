import { Queue, type JobSchedulerJson } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  assertReplicas,
  isReplicaScheduleId,
  replicaIndexes,
  replicaJobId,
  replicaScheduleId,
  watchJobId,
} from './room-replicas.js';
import { StopMarkers } from './stop-markers.js';

export { watchJobId } from './room-replicas.js';

export const DEFAULT_ROOMS_QUEUE = 'rooms';

/**
 * Data of a `watch` job (always-on room) or a `crawl` job (one window of a schedule). `replica`
 * (default 0) is which of the room's `replicas` (default 1) this job is; `schedule` is the
 * schedule's id for every replica of a crawl.
 */
export type RoomJobData = (
  | { kind: 'watch'; room: number }
  | { kind: 'crawl'; room: number; durationMs: number; schedule: string }
) & { replica?: number; replicas?: number };

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
  /** Collectors that hold each room added or scheduled from now on (ROOM_REPLICAS); default 1. */
  replicas?: number;
}

/** One job of the queue as `danmaku rooms list` and `danmaku status` show it. */
export interface ListedRoomJob {
  id: string;
  data: RoomJobData;
  /** Which replica of its room this job is (0 when the room has one). */
  replica: number;
  state: string;
  messages: number;
  collector: string | undefined;
}

/** Failed room jobs retry (a watch is meant to last); the retry spacing is fixed, not growing. */
const RETRY = { attempts: 1_000_000, backoff: { type: 'fixed', delay: 5_000 } } as const;

/**
 * The producer side of queue `rooms`, for the CLI (`danmaku rooms`, `danmaku schedule`) and
 * tests: add or remove always-on rooms, add or remove crawl schedules.
 */
export class RoomQueue {
  readonly queue: Queue<RoomJobData>;
  readonly replicas: number;
  readonly #markers: StopMarkers;

  constructor(options: RoomQueueOptions) {
    this.replicas = options.replicas ?? 1;
    assertReplicas(this.replicas);
    const queueName = options.queueName ?? DEFAULT_ROOMS_QUEUE;
    const prefix = options.prefix ?? 'bull';
    this.queue = new Queue<RoomJobData>(queueName, { connection: options.connection, prefix });
    this.#markers = new StopMarkers(options.connection, prefix, queueName);
  }

  /**
   * Adds an always-on watch, one job per replica; adding a room already watched adds only the
   * replicas it lacks (a raised ROOM_REPLICAS), so `exists` means every replica was there.
   */
  async addRoom(room: number): Promise<'added' | 'exists'> {
    assertRoom(room);
    await this.#markers.clear(watchJobId(room));
    let added = false;
    for (const replica of replicaIndexes(this.replicas)) {
      const jobId = replicaJobId(room, replica);
      if (await this.queue.getJob(jobId)) continue;
      const data: RoomJobData = { kind: 'watch', room, ...this.#replicaData(replica) };
      await this.queue.add('watch', data, {
        jobId,
        removeOnComplete: true,
        removeOnFail: { count: 1000 },
        ...RETRY,
      });
      added = true;
    }
    return added ? 'added' : 'exists';
  }

  /**
   * Removes a watch. A waiting job is deleted at once; an active one gets a stop marker, which
   * its collector reads within its poll interval (1 s by default) and then logs out of the room.
   * Every replica goes, however many ROOM_REPLICAS says now.
   */
  async removeRoom(room: number): Promise<'removed' | 'stopping' | 'absent'> {
    return this.#stop(
      watchJobId(room),
      replicaIndexes().map((replica) => replicaJobId(room, replica)),
    );
  }

  /**
   * Creates or replaces a crawl schedule (BullMQ job scheduler: cron pattern + duration), one
   * scheduler per replica; replacing it with fewer replicas removes the extra schedulers.
   */
  async scheduleCrawl(schedule: CrawlSchedule): Promise<void> {
    assertRoom(schedule.room);
    if (!(schedule.durationMs > 0)) throw new RangeError('durationMs must be > 0');
    await this.#markers.clear(schedule.id);
    for (const replica of replicaIndexes()) {
      const id = replicaScheduleId(schedule.id, replica);
      if (replica >= this.replicas) {
        await this.queue.removeJobScheduler(id);
        continue;
      }
      await this.queue.upsertJobScheduler(
        id,
        { pattern: schedule.pattern, tz: schedule.tz ?? 'UTC' },
        {
          name: 'crawl',
          data: {
            kind: 'crawl',
            room: schedule.room,
            durationMs: schedule.durationMs,
            schedule: schedule.id,
            ...this.#replicaData(replica),
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
  }

  /** Removes a schedule and its replicas; a window that is running stops within the poll interval. */
  async removeCrawl(id: string): Promise<boolean> {
    let existed = false;
    for (const replica of replicaIndexes()) {
      if (await this.queue.removeJobScheduler(replicaScheduleId(id, replica))) existed = true;
    }
    const active = await this.queue.getJobs(['active']);
    if (active.some((job) => job.data.kind === 'crawl' && job.data.schedule === id)) {
      await this.#markers.request(id);
    }
    return existed;
  }

  /** The schedules (an extra replica's scheduler mirrors its schedule and is not listed). */
  async listCrawls(): Promise<JobSchedulerJson<RoomJobData>[]> {
    const all = await this.queue.getJobSchedulers(0, -1, true);
    return all.filter((scheduler) => !isReplicaScheduleId(scheduler.key));
  }

  /** Watches and windows with their state, message count (progress) and holding collector. */
  async listRooms(): Promise<ListedRoomJob[]> {
    const jobs = await this.queue.getJobs(['active', 'waiting', 'delayed', 'prioritized']);
    return Promise.all(
      jobs.map(async (job) => ({
        id: job.id ?? '',
        data: job.data,
        replica: job.data.replica ?? 0,
        state: await job.getState(),
        messages: typeof job.progress === 'number' ? job.progress : 0,
        collector: job.processedBy,
      })),
    );
  }

  async close(): Promise<void> {
    await this.queue.close();
  }

  /** Replica fields of a job's data; left out for a single replica, as before replicas. */
  #replicaData(replica: number): Pick<RoomJobData, 'replica' | 'replicas'> {
    return this.replicas === 1 ? {} : { replica, replicas: this.replicas };
  }

  async #stop(watchId: string, jobIds: string[]): Promise<'removed' | 'stopping' | 'absent'> {
    await this.#markers.request(watchId);
    let found = false;
    let stopping = false;
    for (const jobId of jobIds) {
      const job = await this.queue.getJob(jobId);
      if (!job) continue;
      found = true;
      if ((await job.getState()) === 'active') {
        stopping = true;
        continue;
      }
      try {
        await job.remove();
      } catch {
        // It became active (locked) meanwhile: the marker stops it.
        stopping = true;
      }
    }
    if (stopping) return 'stopping';
    await this.#markers.clear(watchId);
    return found ? 'removed' : 'absent';
  }
}

function assertRoom(room: number): void {
  if (!Number.isSafeInteger(room) || room <= 0) throw new RangeError(`bad room id ${room}`);
}
