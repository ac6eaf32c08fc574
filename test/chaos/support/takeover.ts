import type { GroundTruth, SessionTruth, Simulator } from '@danmaku/simulator';
import { withPg } from '../../support/index.js';
import type { Comparison } from './truth-compare.js';

/** The open, logged-in server session of each room. */
export function openSessions(sim: Simulator): Map<number, SessionTruth> {
  const open = new Map<number, SessionTruth>();
  for (const s of sim.groundTruth({ cids: false }).sessions) {
    if (s.closedAtMs === null && s.loginRoomId !== null && (s.countsByType['loginres'] ?? 0) > 0)
      open.set(s.loginRoomId, s);
  }
  return open;
}

export interface KilledLoss {
  /** Server sessions that were open when a collector was killed. */
  killed: SessionTruth[];
  /** Lost chat messages that belong to none of them (must be 0). */
  outside: number;
  /** Killed sessions whose lost messages are not their last ones (must be none). */
  holes: number[];
}

/**
 * Whatever a killed collector held (in its buffers or its sockets' kernel buffers) is the end of
 * each session it had open. Checked on chat messages, which carry an id: per killed session, the
 * lost ones must be a tail, and no lost one may belong to another session.
 */
export function killedSessionLoss(
  truth: GroundTruth,
  comparison: Comparison,
  killedAt: readonly number[],
): KilledLoss {
  const killed = truth.sessions.filter((s) =>
    killedAt.some(
      (at) => s.connectedAtMs < at && s.closedAtMs !== null && s.closedAtMs >= at - 1_000,
    ),
  );
  const lost = new Set([...comparison.lostChatCids.values()].flat());
  const holes: number[] = [];
  let inKilled = 0;
  for (const s of killed) {
    const at = s.cids.flatMap((cid, i) => (lost.has(cid) ? [i] : []));
    inKilled += at.length;
    if (at.length > 0 && at[0] !== s.cids.length - at.length) holes.push(s.sessionId);
  }
  return { killed, outside: lost.size - inKilled, holes };
}

export interface Coverage {
  sessions: Array<{
    room_id: number;
    collector: string;
    logged_in_at: Date;
    closed_at: Date | null;
  }>;
  gaps: Array<{ room_id: number; gap_start: Date; gap_end: Date; gap_seconds: number }>;
}

export async function readCoverage(url: string): Promise<Coverage> {
  return withPg(url, async (c) => ({
    sessions: (
      await c.query<Coverage['sessions'][number]>(
        'SELECT room_id, collector, logged_in_at, closed_at FROM collect_sessions WHERE logged_in_at IS NOT NULL ORDER BY room_id, logged_in_at',
      )
    ).rows,
    gaps: (
      await c.query<Coverage['gaps'][number]>(
        'SELECT room_id, gap_start, gap_end, gap_seconds FROM coverage_gaps ORDER BY room_id, gap_start',
      )
    ).rows,
  }));
}

/**
 * For each room, the session open before `killedAt` and the first one after, and the
 * coverage_gaps row that should end where the takeover session begins.
 */
export function gapAround(coverage: Coverage, room: number, killedAt: number) {
  const rows = coverage.sessions.filter((s) => s.room_id === room);
  const before = rows.filter((s) => s.logged_in_at.getTime() < killedAt).at(-1);
  const after = rows.find((s) => s.logged_in_at.getTime() >= killedAt);
  const gap = coverage.gaps.find(
    (g) => g.room_id === room && g.gap_end.getTime() === after?.logged_in_at.getTime(),
  );
  return { before, after, gap };
}
