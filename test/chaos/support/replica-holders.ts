import type { RoomQueue } from '@danmaku/collector/room-queue';
import type { GroundTruth, MissedRun, SessionTruth, Simulator } from '@danmaku/simulator';
import { withPg } from '../../support/index.js';
import type { Stored } from './truth-compare.js';

/** Collectors holding each room's watch replicas now (one entry per active job). */
export async function holdersByRoom(queue: RoomQueue): Promise<Map<number, string[]>> {
  const byRoom = new Map<number, string[]>();
  for (const job of await queue.listRooms()) {
    if (job.state !== 'active' || job.data.kind !== 'watch') continue;
    byRoom.set(job.data.room, [...(byRoom.get(job.data.room) ?? []), job.collector ?? '?']);
  }
  return byRoom;
}

/** Every room held by `count` distinct collectors, all of them among `live`. */
export function everyRoomHeldBy(
  holders: Map<number, string[]>,
  rooms: readonly number[],
  count: number,
  live: readonly string[],
): boolean {
  return rooms.every((room) => {
    const on = holders.get(room) ?? [];
    return on.length === count && new Set(on).size === count && on.every((c) => live.includes(c));
  });
}

/** The open, logged-in server sessions of each room (two per room when both replicas are in). */
export function openSessionsByRoom(sim: Simulator): Map<number, SessionTruth[]> {
  const open = new Map<number, SessionTruth[]>();
  for (const s of sim.groundTruth({ cids: false }).sessions) {
    if (s.closedAtMs !== null || s.loginRoomId === null) continue;
    if ((s.countsByType['loginres'] ?? 0) === 0) continue;
    open.set(s.loginRoomId, [...(open.get(s.loginRoomId) ?? []), s]);
  }
  return open;
}

/**
 * Samples the queue every 200 ms for one collector holding two replicas of a room. A job being
 * handed back is `active` on the refusing collector until it is moved to delayed, which takes a
 * few Redis round trips (longer while the collector is busy taking over a dead one's rooms), so
 * only a pair seen throughout `persistMs` counts. `longestMs`: the longest pair seen at all.
 */
export function watchDoubles(
  queue: RoomQueue,
  persistMs = 2_000,
): { doubles: string[]; longestMs: () => number; stop: () => void } {
  const doubles: string[] = [];
  const since = new Map<string, number>();
  let longest = 0;
  const timer = setInterval(() => {
    void holdersByRoom(queue)
      .then((holders) => {
        const now = Date.now();
        const twice = new Set<string>();
        for (const [room, on] of holders) {
          for (const c of on) if (on.indexOf(c) !== on.lastIndexOf(c)) twice.add(`${room} on ${c}`);
        }
        for (const key of since.keys()) if (!twice.has(key)) since.delete(key);
        for (const key of twice) {
          const from = since.get(key) ?? now;
          since.set(key, from);
          longest = Math.max(longest, now - from);
          if (now - from >= persistMs && !doubles.includes(key)) doubles.push(key);
        }
      })
      .catch(() => undefined);
  }, 200);
  return { doubles, longestMs: () => longest, stop: () => clearInterval(timer) };
}

/**
 * Collect sessions of one room on one collector that overlap in time: two replicas sharing a
 * process (what the guard prevents). Read from collect_sessions / collect_session_spans.
 */
export async function overlappingSessions(url: string): Promise<number> {
  return withPg(url, async (c) => {
    const r = await c.query<{ n: number }>(`
      WITH s AS (
        SELECT p.session_id, p.room_id, p.starts_at, p.ends_at, c.collector
        FROM collect_session_spans p JOIN collect_sessions c USING (session_id))
      SELECT count(*)::int AS n FROM s a JOIN s b
        ON a.room_id = b.room_id AND a.collector = b.collector AND a.session_id < b.session_id
       AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at`);
    return r.rows[0]?.n ?? 0;
  });
}

/**
 * Messages each room said while none of its sessions was joined (its missed runs, not those
 * withheld from a joined session), before the scenario closed the sessions at `closingAtMs`.
 * The runs that begin within `toleranceMs` of that close are the close itself (messages due
 * since the room's last tick, counted when the truth is taken): returned apart, as `atClose`.
 * With two replicas and the survivor joined through each kill, `during` is 0 for every room.
 */
export function missedByRoom(
  roomsAtClose: GroundTruth['rooms'],
  closingAtMs: number,
  toleranceMs: number,
): {
  during: Map<number, number>;
  atClose: number;
  samples: Array<{ room: number; run: MissedRun }>;
} {
  const during = new Map<number, number>();
  const samples: Array<{ room: number; run: MissedRun }> = [];
  let atClose = 0;
  for (const room of Object.values(roomsAtClose)) {
    let n = 0;
    for (const run of room.missedRuns) {
      if (run.whileJoined) continue;
      const count = run.toSeq - run.fromSeq;
      if (run.fromWallMs >= closingAtMs - toleranceMs) atClose += count;
      else {
        n += count;
        if (samples.length < 10) samples.push({ room: room.roomId, run });
      }
    }
    during.set(room.roomId, n);
  }
  return { during, atClose, samples };
}

/**
 * Per type, rows expected minus rows stored for the given rooms (as compareWithTruth counts them,
 * chat by count here): which type a room's loss is, for the report.
 */
export function shortfallByType(
  truth: GroundTruth,
  stored: Stored,
  rooms: readonly number[],
): Record<number, Record<string, number>> {
  const out: Record<number, Record<string, number>> = {};
  for (const room of rooms) {
    const want = new Map<string, number>();
    const add = (type: string, n: number): void => void want.set(type, (want.get(type) ?? 0) + n);
    for (const s of truth.sessions) {
      if ((s.loginRoomId ?? s.roomId) !== room) continue;
      for (const [type, n] of Object.entries(s.controlCountsByType)) add(type, n);
    }
    const r = truth.rooms[room];
    for (const [type, n] of Object.entries(r?.countsByType ?? {})) add(type, n);
    for (const [type, n] of Object.entries(r?.repeatedByType ?? {})) add(type, -n);
    const have = stored.counts.get(room) ?? new Map<string, number>();
    const diff: Record<string, number> = {};
    for (const type of new Set([...want.keys(), ...have.keys()])) {
      const d = (want.get(type) ?? 0) - (have.get(type) ?? 0);
      if (d !== 0) diff[type] = d;
    }
    out[room] = diff;
  }
  return out;
}
