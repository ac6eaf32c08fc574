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

export class RepeatTracker {
  private readonly keptAtMs = new Map<string, number>();
  private sweepAtMs = 0;

  constructor(private readonly windowMs = WRITER_MERGE_WINDOW_MS) {}

  /** Whether the writer merges this heard message into an earlier copy (so stores it no more). */
  isRepeat(type: string, body: string, atMs: number): boolean {
    if (this.windowMs <= 0 || type === 'chatmsg' || isSessionReply(type)) return false;
    const kept = this.keptAtMs.get(body);
    if (kept !== undefined && atMs - kept < this.windowMs) return true;
    this.keptAtMs.set(body, atMs);
    if (atMs >= this.sweepAtMs) {
      for (const [b, at] of this.keptAtMs) if (atMs - at >= this.windowMs) this.keptAtMs.delete(b);
      this.sweepAtMs = atMs + this.windowMs;
    }
    return false;
  }
}
