import { isSessionReply } from '@danmaku/protocol';

/**
 * The writer merges a non-chat body with an equal one stored for the room from another
 * connection less than its window (WRITER_MERGE_WINDOW_MS, default 2 s) before or after: copies
 * of one broadcast from two replicas. A room that says the same body twice that close together
 * loses the repeat only when no connection that heard the kept one hears the repeat (a session
 * change in between): the merge's one known ambiguity. The ground truth counts those with the
 * writer's rule, so a comparison expects what the writer stores. Bounded: bodies kept longer ago
 * than the window are swept once per window.
 */
export const WRITER_MERGE_WINDOW_MS = 2_000;

/**
 * The writer compares the collector's receive times, this tracker the simulator's send times:
 * they agree to milliseconds, but a collector that pauses reading (backpressure, a busy event
 * loop) receives a backlog closer together. A repeat this close to the window's edge may land
 * on either side of it, so it is reported as at the edge and a comparison tolerates it.
 */
export const WINDOW_EDGE_MS = 1_000;

/** 'merged': the writer stores it no more; 'edge': it may go either way (see WINDOW_EDGE_MS). */
export interface RepeatVerdict {
  merged: boolean;
  edge: boolean;
}

const NOT_A_REPEAT: RepeatVerdict = { merged: false, edge: false };

export class RepeatTracker {
  private readonly kept = new Map<string, { atMs: number; heardBy: ReadonlySet<number> }>();
  private sweepAtMs = 0;

  constructor(private readonly windowMs = WRITER_MERGE_WINDOW_MS) {}

  /**
   * Whether the writer merges this heard message (heard by the sessions `heardBy`) into an earlier
   * copy, so stores it no more. `edge`: the writer may decide it the other way — near the window's
   * edge, or when only some of the kept copy's sessions hear this one (which of their records the
   * writer stored depends on Kafka's order).
   */
  check(type: string, body: string, atMs: number, heardBy: ReadonlySet<number>): RepeatVerdict {
    if (this.windowMs <= 0 || type === 'chatmsg' || isSessionReply(type)) return NOT_A_REPEAT;
    const kept = this.kept.get(body);
    const sinceKeptMs = kept === undefined ? Infinity : atMs - kept.atMs;
    let shared = 0;
    if (kept !== undefined) for (const s of kept.heardBy) if (heardBy.has(s)) shared++;
    const partly = kept !== undefined && shared > 0 && shared < kept.heardBy.size;
    const edge =
      Math.abs(sinceKeptMs - this.windowMs) < WINDOW_EDGE_MS ||
      (partly && sinceKeptMs < this.windowMs);
    if (sinceKeptMs < this.windowMs && shared === 0) return { merged: true, edge };
    this.kept.set(body, { atMs, heardBy });
    if (atMs >= this.sweepAtMs) {
      const keepMs = this.windowMs + WINDOW_EDGE_MS;
      for (const [b, k] of this.kept) if (atMs - k.atMs >= keepMs) this.kept.delete(b);
      this.sweepAtMs = atMs + this.windowMs;
    }
    return edge ? { merged: false, edge } : NOT_A_REPEAT;
  }
}
