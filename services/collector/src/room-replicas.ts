/**
 * Redundant capture (ROOM_REPLICAS): each room is held by N collectors at once, one BullMQ job
 * per replica. Replica 0 keeps the ids of a single-replica room, so a queue filled before
 * replicas existed keeps working and `ROOM_REPLICAS=1` changes nothing.
 */

/** Upper bound of ROOM_REPLICAS; removal looks this many replica ids up, whatever is set now. */
export const MAX_ROOM_REPLICAS = 4;

/**
 * How long a collector that already holds a room leaves a second replica of it for others: 250 ms
 * after the first refusal, doubling up to 4 s while the same collector keeps being handed the
 * same job. Which free collector takes a job that comes due is chance, so a replica may bounce a
 * few times before it reaches one that lacks the room; short first delays keep that quick, and
 * the cap bounds the Redis calls of replicas that wait because no such collector is running.
 */
export const REPLICA_HANDBACK: HandbackBackoff = { firstDelayMs: 250, maxDelayMs: 4_000 };

export interface HandbackBackoff {
  firstDelayMs: number;
  maxDelayMs: number;
}

/** Delay after a collector's `refusals`-th consecutive refusal (1, 2, …) of one job. */
export function handbackDelayMs(
  refusals: number,
  backoff: HandbackBackoff = REPLICA_HANDBACK,
): number {
  return Math.min(backoff.maxDelayMs, backoff.firstDelayMs * 2 ** Math.max(0, refusals - 1));
}

export function watchJobId(room: number): string {
  return `room-${room}`;
}

/** `room-<id>` for replica 0, `room-<id>-r<k>` for the others. */
export function replicaJobId(room: number, replica: number): string {
  return replica === 0 ? watchJobId(room) : `${watchJobId(room)}-r${replica}`;
}

/**
 * Scheduler id of one replica of a crawl schedule: the schedule id for replica 0, `<id>#r<k>`
 * for the others (`#` is not allowed in schedule ids, so these never collide with one).
 */
export function replicaScheduleId(schedule: string, replica: number): string {
  return replica === 0 ? schedule : `${schedule}#r${replica}`;
}

/** Whether a scheduler id is an extra replica's (`<id>#r<k>`), listed under its schedule. */
export function isReplicaScheduleId(id: string): boolean {
  return /#r\d+$/.test(id);
}

/** 0, 1, … up to `count` - 1. */
export function replicaIndexes(count: number = MAX_ROOM_REPLICAS): number[] {
  return Array.from({ length: count }, (_, i) => i);
}

export function assertReplicas(replicas: number): void {
  if (!Number.isSafeInteger(replicas) || replicas < 1 || replicas > MAX_ROOM_REPLICAS) {
    throw new RangeError(`replicas must be 1…${MAX_ROOM_REPLICAS}, not ${replicas}`);
  }
}
