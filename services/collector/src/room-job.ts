import { UnrecoverableError, WaitingError, type Job } from 'bullmq';
import type { Logger } from '@danmaku/runtime';
import type { RoomJobData } from './room-queue.js';
import type { RoomHolder } from './room-lease.js';
import { watchJobId } from './room-replicas.js';
import type { StopMarkers } from './stop-markers.js';

/** Why a room job let go of its room. */
export type StopReason = 'removed' | 'window-over' | 'shutdown' | 'lock-lost' | 'cancelled';

export interface RunningRoomJob {
  readonly watchId: string;
  readonly kind: RoomJobData['kind'];
  stop(reason: StopReason): void;
}

export interface RoomJobContext {
  rooms: RoomHolder;
  markers: StopMarkers;
  progressIntervalMs: number;
  logger: Logger;
  /** Called with the running job; returns the unregister function. */
  register(jobId: string, running: RunningRoomJob): () => void;
  now?: () => number;
}

export interface RoomJobResult {
  stopped: StopReason;
  messages: number;
}

/**
 * The processor of one room job: hold the room until the watch is removed, the crawl window ends
 * or the collector shuts down. On shutdown the job goes back to `wait` (not completed), so
 * another collector picks the room up at once instead of after a lock timeout.
 */
export async function runRoomJob(
  job: Job<RoomJobData>,
  token: string | undefined,
  signal: AbortSignal | undefined,
  ctx: RoomJobContext,
): Promise<RoomJobResult> {
  const now = ctx.now ?? Date.now;
  const data = parseRoomJobData(job.data);
  // Every replica of a watch or schedule reads the same marker.
  const watchId = data.kind === 'watch' ? watchJobId(data.room) : data.schedule;
  // With replicas, the first to stop must not clear the marker before the others have read it:
  // it stays until the room is added again or the marker's TTL.
  const clearMarker = async (): Promise<void> => {
    if ((data.replicas ?? 1) === 1) await ctx.markers.clear(watchId);
  };
  const log = ctx.logger.child({ room: data.room, job: job.id });
  if (await ctx.markers.has(watchId)) {
    await clearMarker();
    return { stopped: 'removed', messages: 0 };
  }
  const endAtMs = data.kind === 'crawl' ? windowStartMs(job) + data.durationMs : undefined;
  if (endAtMs !== undefined && endAtMs <= now()) return { stopped: 'window-over', messages: 0 };

  let stop!: (reason: StopReason) => void;
  const stopped = new Promise<StopReason>((resolve) => (stop = resolve));
  const unregister = ctx.register(job.id ?? '', { watchId, kind: data.kind, stop });
  const onAbort = (): void => stop('cancelled');
  signal?.addEventListener('abort', onAbort);
  const windowTimer =
    endAtMs === undefined ? undefined : setTimeout(() => stop('window-over'), endAtMs - now());

  const lease = ctx.rooms.acquire(data.room);
  log.info('room job started', { kind: data.kind, endAtMs });
  let reported = 0;
  const reportProgress = (): void => {
    if (lease.messages === reported) return;
    reported = lease.messages;
    job
      .updateProgress(reported)
      .catch((error: unknown) => log.warn('progress update failed', { error }));
  };
  const progressTimer = setInterval(reportProgress, ctx.progressIntervalMs);
  const reason = await stopped;
  clearInterval(progressTimer);
  clearTimeout(windowTimer);
  signal?.removeEventListener('abort', onAbort);
  unregister();
  const messages = lease.messages;
  await lease.release();
  log.info('room job stopped', { reason, messages });

  if (reason === 'shutdown' && token !== undefined) {
    await job.moveToWait(token);
    throw new WaitingError();
  }
  if (reason === 'lock-lost' || reason === 'cancelled') throw new Error(`room job ${reason}`);
  reportProgress();
  if (reason === 'removed') await clearMarker();
  return { stopped: reason, messages };
}

export function parseRoomJobData(data: unknown): RoomJobData {
  const d = (data ?? {}) as Partial<Record<string, unknown>>;
  const room = d['room'];
  if (typeof room !== 'number' || !Number.isSafeInteger(room) || room <= 0) {
    throw new UnrecoverableError(`room job without a valid room: ${JSON.stringify(data)}`);
  }
  const replica = d['replica'] ?? 0;
  const replicas = d['replicas'] ?? 1;
  if (!isCount(replica, 0) || !isCount(replicas, 1) || replica >= replicas) {
    throw new UnrecoverableError(`room job with a bad replica: ${JSON.stringify(data)}`);
  }
  const replicaFields = replicas === 1 ? {} : { replica, replicas };
  if (d['kind'] === 'crawl') {
    const durationMs = d['durationMs'];
    const schedule = d['schedule'];
    if (typeof durationMs !== 'number' || durationMs <= 0 || typeof schedule !== 'string') {
      throw new UnrecoverableError(
        `crawl job without duration or schedule: ${JSON.stringify(data)}`,
      );
    }
    return { kind: 'crawl', room, durationMs, schedule, ...replicaFields };
  }
  return { kind: 'watch', room, ...replicaFields };
}

function isCount(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min;
}

/** The cron time this window was scheduled for (not when a collector happened to pick it up). */
export function windowStartMs(job: Pick<Job, 'id' | 'opts' | 'timestamp'>): number {
  const prev = job.opts.prevMillis;
  if (typeof prev === 'number') return prev;
  const fromId = /:(\d+)$/.exec(job.id ?? '')?.[1];
  if (fromId !== undefined) return Number(fromId);
  return job.timestamp + (job.opts.delay ?? 0);
}
