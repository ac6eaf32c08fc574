import { isSessionReply } from '@danmaku/protocol';

/**
 * The writer stores a broadcast body once per room within its merge window
 * (WRITER_MERGE_WINDOW_MS, default 2 s): a room that says the same non-chat body twice that
 * close together is stored once, the one known ambiguity of the merge. The ground truth counts
 * those repeats with the writer's rule (first copy kept, window measured from the kept one), so a
 * comparison expects what the writer stores. Bounded: bodies kept longer ago than the window are
 * swept once per window.
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
  private readonly keptAtMs = new Map<string, number>();
  private sweepAtMs = 0;

  constructor(private readonly windowMs = WRITER_MERGE_WINDOW_MS) {}

  /** Whether the writer merges this heard message into an earlier copy (so stores it no more). */
  check(type: string, body: string, atMs: number): RepeatVerdict {
    if (this.windowMs <= 0 || type === 'chatmsg' || isSessionReply(type)) return NOT_A_REPEAT;
    const kept = this.keptAtMs.get(body);
    const sinceKeptMs = kept === undefined ? Infinity : atMs - kept;
    const edge = Math.abs(sinceKeptMs - this.windowMs) < WINDOW_EDGE_MS;
    if (sinceKeptMs < this.windowMs) return { merged: true, edge };
    this.keptAtMs.set(body, atMs);
    if (atMs >= this.sweepAtMs) {
      const keepMs = this.windowMs + WINDOW_EDGE_MS;
      for (const [b, at] of this.keptAtMs) if (atMs - at >= keepMs) this.keptAtMs.delete(b);
      this.sweepAtMs = atMs + this.windowMs;
    }
    return edge ? { merged: false, edge } : NOT_A_REPEAT;
  }
}
