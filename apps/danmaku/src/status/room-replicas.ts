import type { ListedRoomJob } from '@danmaku/collector/room-queue';

/** The replicas of one watch or crawl window: how many collectors hold it, and which. */
export interface RoomReplicas {
  room: number;
  kind: 'watch' | 'crawl';
  /** The watch's job id of replica 0, or the schedule id of a window. */
  key: string;
  wanted: number;
  held: number;
  collectors: string[];
}

/** Rooms listed per status; the counts always cover all of them. */
export const MAX_LISTED_ROOMS = 200;

export interface ReplicaSummary {
  /** Replica jobs held (active) over jobs wanted, summed over every watch and window. */
  held: number;
  wanted: number;
  /** Watches and windows with fewer replicas held than wanted, first; then the others. */
  rooms: RoomReplicas[];
  /** Entries past MAX_LISTED_ROOMS, not listed. */
  omitted: number;
}

/**
 * Groups the queue's jobs by watch (room) and crawl window (schedule + window start), so a room
 * with ROOM_REPLICAS=2 shows `2/2` while both replicas are held and `1/2` while one waits.
 */
export function summariseReplicas(jobs: readonly ListedRoomJob[]): ReplicaSummary {
  const groups = new Map<string, RoomReplicas>();
  for (const job of jobs) {
    const key = job.data.kind === 'watch' ? `room-${job.data.room}` : windowKey(job);
    let group = groups.get(key);
    if (group === undefined) {
      group = {
        room: job.data.room,
        kind: job.data.kind,
        key: job.data.kind === 'watch' ? key : job.data.schedule,
        wanted: job.data.replicas ?? 1,
        held: 0,
        collectors: [],
      };
      groups.set(key, group);
    }
    if (job.state === 'active') {
      group.held += 1;
      if (job.collector !== undefined) group.collectors.push(job.collector);
    }
  }
  const all = [...groups.values()].sort(
    (a, b) => Number(a.held >= a.wanted) - Number(b.held >= b.wanted) || a.room - b.room,
  );
  return {
    held: all.reduce((sum, g) => sum + g.held, 0),
    wanted: all.reduce((sum, g) => sum + g.wanted, 0),
    rooms: all.slice(0, MAX_LISTED_ROOMS),
    omitted: Math.max(0, all.length - MAX_LISTED_ROOMS),
  };
}

/** A window's replicas share the schedule and the cron time in their job ids (`repeat:<id>:<ms>`). */
function windowKey(job: ListedRoomJob): string {
  const schedule = job.data.kind === 'crawl' ? job.data.schedule : '';
  const at = /:(\d+)$/.exec(job.id)?.[1] ?? job.id;
  return `crawl:${schedule}:${at}`;
}

/** `room 9999 watch 2/2 on a, b` lines, rooms short of replicas first. */
export function formatReplicas(summary: ReplicaSummary): string[] {
  const lines = [`  replicas held: ${summary.held} of ${summary.wanted} wanted`];
  for (const r of summary.rooms) {
    const on = r.collectors.length === 0 ? '' : ` on ${r.collectors.join(', ')}`;
    const key = r.kind === 'crawl' ? ` ${r.key}` : '';
    lines.push(`  room ${r.room} ${r.kind}${key} ${r.held}/${r.wanted}${on}`);
  }
  if (summary.omitted > 0) lines.push(`  … and ${summary.omitted} more`);
  return lines;
}
