import { DelayedError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '@danmaku/runtime';
import type { CollectorMetrics } from './metrics.js';
import { ReplicaGuard } from './replica-guard.js';
import {
  parseRoomJobData,
  runRoomJob,
  type RoomJobResult,
  type RunningRoomJob,
  type StopReason,
} from './room-job.js';
import type { RoomHolder } from './room-lease.js';
import { DEFAULT_ROOMS_QUEUE, type RoomJobData } from './room-queue.js';
import { handbackDelayMs, REPLICA_HANDBACK, type HandbackBackoff } from './room-replicas.js';
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
  /** Delays of a refused replica job (delayed) before any collector may take it again. */
  replicaHandback?: HandbackBackoff;
  metrics: CollectorMetrics;
  logger: Logger;
}

const HANDBACK_MEMORY = 10_000;

/** The consumer side of queue `rooms`: each active job holds one room on this collector. */
export class RoomWorker {
  readonly #o: RoomWorkerOptions;
  readonly #markers: StopMarkers;
  readonly #running = new Map<string, RunningRoomJob>();
  readonly #replicas: ReplicaGuard;
  /** Job id → consecutive refusals here; bounded (oldest dropped past HANDBACK_MEMORY). */
  readonly #refusals = new Map<string, number>();
  #worker: Worker<RoomJobData, RoomJobResult> | undefined;
  #pollTimer: NodeJS.Timeout | undefined;
  #closing: Promise<void> | undefined;

  constructor(options: RoomWorkerOptions) {
    this.#o = options;
    this.#replicas = new ReplicaGuard((replica, delta) =>
      options.metrics.roomReplicas.inc({ replica: String(replica) }, delta),
    );
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
        this.#process(job, token, signal),
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

  /** Runs a room job unless another replica of its room is held here: then hands it back. */
  async #process(
    job: Job<RoomJobData>,
    token: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<RoomJobResult> {
    const data = parseRoomJobData(job.data);
    const release = this.#replicas.claim(data.room, data.replica ?? 0);
    if (release === undefined) return this.#handBack(job, token);
    this.#refusals.delete(job.id ?? '');
    try {
      return await runRoomJob(job, token, signal, {
        rooms: this.#o.rooms,
        markers: this.#markers,
        progressIntervalMs: this.#o.progressIntervalMs,
        logger: this.#o.logger,
        register: (jobId, running) => this.#register(jobId, running),
      });
    } finally {
      release();
    }
  }

  /**
   * Delayed, not back to wait: a wait job would come straight back to this worker, which has
   * free concurrency. With no other collector free the replica waits here, visible as `delayed`.
   */
  async #handBack(job: Job<RoomJobData>, token: string | undefined): Promise<never> {
    this.#o.metrics.replicaHandbacks.inc();
    if (token === undefined) throw new Error('room job without a lock token');
    const id = job.id ?? '';
    const refusals = (this.#refusals.get(id) ?? 0) + 1;
    this.#refusals.delete(id);
    this.#refusals.set(id, refusals);
    if (this.#refusals.size > HANDBACK_MEMORY) {
      this.#refusals.delete(this.#refusals.keys().next().value ?? '');
    }
    const delayMs = handbackDelayMs(refusals, this.#o.replicaHandback ?? REPLICA_HANDBACK);
    await job.moveToDelayed(Date.now() + delayMs, token);
    throw new DelayedError();
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
