import { Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '@danmaku/runtime';
import type { CollectorMetrics } from './metrics.js';
import {
  runRoomJob,
  type RoomJobResult,
  type RunningRoomJob,
  type StopReason,
} from './room-job.js';
import type { RoomHolder } from './room-lease.js';
import { DEFAULT_ROOMS_QUEUE, type RoomJobData } from './room-queue.js';
import { StopMarkers } from './stop-markers.js';

export interface RoomWorkerOptions {
  /** ioredis with `maxRetriesPerRequest: null` (BullMQ workers require it); owned by the caller. */
  connection: Redis;
  rooms: RoomHolder;
  collectorId: string;
  queueName?: string;
  prefix?: string;
  /** Worker concurrency: the most rooms this collector takes from the queue. */
  maxRooms: number;
  /**
   * Takeover after `kill -9` ≈ lockDurationMs (the dead lock expiring) + up to
   * stalledIntervalMs (the next stalled check) + connect time. The lock is renewed every
   * lockDurationMs / 2, so an event-loop stall shorter than that never loses a room.
   */
  lockDurationMs: number;
  stalledIntervalMs: number;
  /** Collector deaths one job survives before BullMQ fails it; high, since rooms outlive processes. */
  maxStalledCount: number;
  stopPollMs: number;
  progressIntervalMs: number;
  metrics: CollectorMetrics;
  logger: Logger;
}

/** The consumer side of queue `rooms`: each active job holds one room on this collector. */
export class RoomWorker {
  readonly #o: RoomWorkerOptions;
  readonly #markers: StopMarkers;
  readonly #running = new Map<string, RunningRoomJob>();
  #worker: Worker<RoomJobData, RoomJobResult> | undefined;
  #pollTimer: NodeJS.Timeout | undefined;
  #closing: Promise<void> | undefined;

  constructor(options: RoomWorkerOptions) {
    this.#o = options;
    this.#markers = new StopMarkers(
      options.connection,
      options.prefix ?? 'bull',
      options.queueName ?? DEFAULT_ROOMS_QUEUE,
    );
  }

  get activeJobs(): number {
    return this.#running.size;
  }

  get ready(): boolean {
    return this.#worker?.isRunning() === true && this.#o.connection.status === 'ready';
  }

  start(): void {
    if (this.#worker) return;
    const o = this.#o;
    const log = o.logger.child({ component: 'room-worker' });
    const worker = new Worker<RoomJobData, RoomJobResult>(
      o.queueName ?? DEFAULT_ROOMS_QUEUE,
      (job: Job<RoomJobData>, token?: string, signal?: AbortSignal) =>
        runRoomJob(job, token, signal, {
          rooms: o.rooms,
          markers: this.#markers,
          progressIntervalMs: o.progressIntervalMs,
          logger: o.logger,
          register: (jobId, running) => this.#register(jobId, running),
        }),
      {
        connection: o.connection,
        prefix: o.prefix ?? 'bull',
        name: o.collectorId,
        concurrency: o.maxRooms,
        lockDuration: o.lockDurationMs,
        stalledInterval: o.stalledIntervalMs,
        maxStalledCount: o.maxStalledCount,
        drainDelay: 1,
      },
    );
    worker.on('error', (error) => log.warn('worker error', { error }));
    worker.on('failed', (job, error) => log.warn('room job failed', { job: job?.id, error }));
    // Another collector may already hold this room: let go at once rather than double-collect.
    worker.on('lockRenewalFailed', (jobIds: string[]) => {
      for (const id of jobIds) this.#running.get(id)?.stop('lock-lost');
    });
    this.#worker = worker;
    this.#pollTimer = setInterval(() => void this.#pollStopMarkers(log), o.stopPollMs);
  }

  /**
   * Stops taking jobs, hands every held room back to the queue (`wait`) after logging out, then
   * closes the worker. Bounded: after `timeoutMs` the worker is force-closed, and the jobs it
   * still held come back through the stalled check on another collector.
   */
  close(timeoutMs = 10_000): Promise<void> {
    this.#closing ??= this.#close(timeoutMs);
    return this.#closing;
  }

  async #close(timeoutMs: number): Promise<void> {
    clearInterval(this.#pollTimer);
    const worker = this.#worker;
    if (!worker) return;
    const graceful = (async () => {
      await worker.pause(true);
      this.#stopAll('shutdown');
      await worker.close();
    })();
    const timeout = new Promise<'timeout'>((r) => setTimeout(r, timeoutMs, 'timeout').unref());
    if ((await Promise.race([graceful, timeout])) === 'timeout') {
      this.#o.logger.error('room worker did not close in time; forcing', {
        jobs: this.#running.size,
      });
      await worker.close(true);
    }
  }

  #stopAll(reason: StopReason): void {
    for (const running of this.#running.values()) running.stop(reason);
  }

  #register(jobId: string, running: RunningRoomJob): () => void {
    this.#running.set(jobId, running);
    this.#o.metrics.jobsActive.inc({ kind: running.kind });
    if (this.#closing) running.stop('shutdown');
    return () => {
      this.#running.delete(jobId);
      this.#o.metrics.jobsActive.dec({ kind: running.kind });
    };
  }

  async #pollStopMarkers(log: Logger): Promise<void> {
    if (this.#running.size === 0) return;
    try {
      const requested = await this.#markers.list();
      if (requested.size === 0) return;
      for (const running of this.#running.values()) {
        if (requested.has(running.watchId)) running.stop('removed');
      }
    } catch (error) {
      log.warn('reading stop markers failed', { error });
    }
  }
}
