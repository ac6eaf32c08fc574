import type { GroundTruth, MissedRun } from '@danmaku/simulator';
import { expect } from 'vitest';
import { withPg } from '../../support/index.js';
import type { Comparison } from './truth-compare.js';

/**
 * A message the collector missed was said at the simulator's wall time (room start + room time);
 * the gap around it is made of collector-side times (a session's closed_at, its last stored row,
 * the next session's logged_in_at). The two sides see one close a few event-loop turns apart (the
 * simulator ticks every 20 ms, a FIN crosses loopback in under a millisecond), so a missed
 * message counts as inside a gap if it lies within this much of one.
 */
export const GAP_TOLERANCE_MS = 1_000;

/** A stretch of a room with no logged-in collect session, and the session whose end opened it. */
export interface Gap {
  room_id: number;
  gap_start: Date;
  /** null: the room's last span ended and nothing followed (the view lists no such row). */
  gap_end: Date | null;
  /** The ending session's close_reason, 'lost' for one superseded without a close, null if none. */
  cause: string | null;
}

/** coverage_gaps rows with their cause, plus each room's trailing gap after its last span. */
export async function readGaps(url: string): Promise<Gap[]> {
  return withPg(url, async (c) => {
    const rows = await c.query<Gap>(`
      WITH cause AS (
        SELECT s.room_id, s.ends_at,
               (array_agg(CASE WHEN c.closed_at IS NULL THEN 'lost'
                               ELSE coalesce(c.close_reason, 'closed') END))[1] AS cause
        FROM collect_session_spans s JOIN collect_sessions c USING (session_id)
        GROUP BY s.room_id, s.ends_at
      ), last_span AS (
        SELECT room_id, max(ends_at) AS gap_start FROM collect_session_spans GROUP BY room_id
      )
      SELECT g.room_id, g.gap_start, g.gap_end, cause.cause
        FROM coverage_gaps g
        LEFT JOIN cause ON cause.room_id = g.room_id AND cause.ends_at = g.gap_start
      UNION ALL
      SELECT t.room_id, t.gap_start, NULL, cause.cause
        FROM last_span t
        JOIN cause ON cause.room_id = t.room_id AND cause.ends_at = t.gap_start
       WHERE t.gap_start < 'infinity'::timestamptz`);
    return rows.rows;
  });
}

/** PostgreSQL against everything the rooms said (not only what was sent). */
export interface SaidComparison {
  said: number;
  /** Said while no collector session of the room was logged in. */
  missed: number;
  /** Missed messages inside no gap of their room (must be 0). */
  missedOutsideGaps: number;
  /** Said while a session was joined, sent to none: a slow reader's drops or a fault's silence. */
  withheld: number;
  /** Sent to a logged-in session and not stored, plus frames the simulator dropped. */
  lost: number;
  duplicated: number;
  droppedFrames: number;
  gaps: number;
  gapsWithoutCause: number;
  gapCauses: Record<string, number>;
  /** The clock tolerance the gaps were widened by. */
  gapToleranceMs: number;
  /** Up to 10 missed runs outside every gap, with how far outside the nearest gap they begin. */
  outsideSamples: Array<{ room: number; run: MissedRun; msBeforeNearestGap: number | null }>;
}

function insideAGap(run: MissedRun, gaps: readonly Gap[], toleranceMs: number): boolean {
  return gaps.some(
    (g) =>
      g.gap_start.getTime() - toleranceMs <= run.fromWallMs &&
      (g.gap_end === null || run.toWallMs <= g.gap_end.getTime() + toleranceMs),
  );
}

/**
 * `roomsAtClose`: the rooms' truth taken when the scenario closed the simulator's sessions (what
 * the rooms said after that is outside the scenario). `sentButGone`: messages sent to sessions
 * that the coverage record shows ended before them (a killed collector's tail, after the last row
 * it stored): missed, not lost; the scenario checks they are such a tail.
 */
export function compareSaid(
  roomsAtClose: GroundTruth['rooms'],
  truth: GroundTruth,
  comparison: Comparison,
  gaps: readonly Gap[],
  sentButGone = 0,
  toleranceMs = GAP_TOLERANCE_MS,
): SaidComparison {
  const byRoom = new Map<number, Gap[]>();
  for (const g of gaps) byRoom.set(g.room_id, [...(byRoom.get(g.room_id) ?? []), g]);
  let said = 0;
  let missed = sentButGone;
  let missedOutsideGaps = 0;
  let withheld = 0;
  const outsideSamples: SaidComparison['outsideSamples'] = [];
  for (const room of Object.values(roomsAtClose)) {
    said += room.said;
    for (const run of room.missedRuns) {
      const n = run.toSeq - run.fromSeq;
      if (run.whileJoined) withheld += n;
      else {
        missed += n;
        const roomGaps = byRoom.get(room.roomId) ?? [];
        if (insideAGap(run, roomGaps, toleranceMs)) continue;
        missedOutsideGaps += n;
        if (outsideSamples.length < 10)
          outsideSamples.push({
            room: room.roomId,
            run,
            msBeforeNearestGap: nearest(run, roomGaps),
          });
      }
    }
  }
  const gapCauses: Record<string, number> = {};
  for (const g of gaps) gapCauses[g.cause ?? 'none'] = (gapCauses[g.cause ?? 'none'] ?? 0) + 1;
  return {
    said,
    missed,
    missedOutsideGaps,
    withheld,
    lost: comparison.lost - sentButGone + truth.totals.droppedFrames,
    duplicated: comparison.duplicated,
    droppedFrames: truth.totals.droppedFrames,
    gaps: gaps.length,
    gapsWithoutCause: gapCauses['none'] ?? 0,
    gapCauses,
    gapToleranceMs: toleranceMs,
    outsideSamples,
  };
}

/** How long before the start of the nearest gap that ends after the run the run begins. */
function nearest(run: MissedRun, gaps: readonly Gap[]): number | null {
  const after = gaps.filter((g) => g.gap_end === null || g.gap_end.getTime() >= run.toWallMs);
  if (after.length === 0) return null;
  return Math.min(...after.map((g) => g.gap_start.getTime() - run.fromWallMs));
}

export function describeSaid(s: SaidComparison): string {
  return (
    `said ${s.said}, missed ${s.missed} (${s.missedOutsideGaps} outside gaps), withheld ` +
    `${s.withheld}, lost ${s.lost} (${s.droppedFrames} dropped by the simulator), duplicated ` +
    `${s.duplicated}; ${s.gaps} gaps (${s.gapsWithoutCause} without a cause)`
  );
}

/** What every scenario asserts: nothing sent is lost or doubled; every miss is in a caused gap. */
export function expectSaidExact(s: SaidComparison): void {
  const what = describeSaid(s);
  expect(s.lost, what).toBe(0);
  expect(s.duplicated, what).toBe(0);
  expect(s.missedOutsideGaps, `${what}\n${JSON.stringify(s.outsideSamples)}`).toBe(0);
  expect(s.gapsWithoutCause, what).toBe(0);
}
