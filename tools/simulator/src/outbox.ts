import type { Prng } from './prng.js';
import type { Transport } from './transport.js';

/** How frames are cut into writes: whole frames, several frames per write, or random pieces. */
export interface WritePlan {
  /** Random pieces of 1..maxPieceBytes, across frame boundaries. */
  splitMaxPieceBytes: number | undefined;
  /** 2..maxFrames whole frames per write. */
  coalesceMaxFrames: number | undefined;
}

/**
 * A connection's outgoing frames. Without a fault each frame is written at once. With split or
 * coalesce, frames wait for the next flush (the simulator flushes every tick); a split leaves
 * its last piece for the following flush, so a reader holds a partial frame for one tick.
 */
export class Outbox {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private carry: Buffer | undefined;
  private plan: WritePlan;

  constructor(
    private readonly transport: Transport,
    private readonly rng: Prng,
    plan: WritePlan,
  ) {
    this.plan = plan;
  }

  /** Bytes not yet in the kernel: ours plus the transport's own buffer. */
  get bufferedBytes(): number {
    return this.pendingBytes + (this.carry?.length ?? 0) + this.transport.bufferedBytes();
  }

  get needsFlush(): boolean {
    return this.pending.length > 0 || this.carry !== undefined;
  }

  setPlan(plan: WritePlan): void {
    this.flush(true);
    this.plan = plan;
  }

  /** Returns true when the frame was kept for the next flush. */
  enqueue(frame: Buffer): boolean {
    if (this.plan.splitMaxPieceBytes === undefined && this.plan.coalesceMaxFrames === undefined) {
      this.transport.write(frame);
      return false;
    }
    this.pending.push(frame);
    this.pendingBytes += frame.length;
    return true;
  }

  /** Writes what is pending; `final` also writes a held split tail (before a close). */
  flush(final = false): void {
    if (!this.needsFlush) return;
    const split = this.plan.splitMaxPieceBytes;
    this.transport.batch(() => {
      if (split !== undefined) this.flushSplit(split, final);
      else this.flushCoalesced(this.plan.coalesceMaxFrames ?? 1);
    });
  }

  private flushCoalesced(maxFrames: number): void {
    if (this.carry !== undefined) this.transport.write(this.carry);
    this.carry = undefined;
    const frames = this.pending;
    for (let i = 0; i < frames.length;) {
      const count = maxFrames <= 1 ? 1 : this.rng.int(2, maxFrames);
      const group = frames.slice(i, i + count);
      this.transport.write(group.length === 1 ? (group[0] as Buffer) : Buffer.concat(group));
      i += count;
    }
    this.clearPending();
  }

  private flushSplit(maxPieceBytes: number, final: boolean): void {
    const hadNewBytes = this.pending.length > 0;
    if (this.carry !== undefined) this.pending.unshift(this.carry);
    this.carry = undefined;
    if (this.pending.length === 0) return;
    const stream =
      this.pending.length === 1 ? (this.pending[0] as Buffer) : Buffer.concat(this.pending);
    this.clearPending();
    let offset = 0;
    while (offset < stream.length) {
      const size = this.rng.logUniformInt(maxPieceBytes);
      const end = Math.min(stream.length, offset + size);
      // Hold the last piece back once, unless nothing new came or the connection is closing.
      if (end === stream.length && offset > 0 && hadNewBytes && !final) {
        this.carry = stream.subarray(offset);
        return;
      }
      this.transport.write(stream.subarray(offset, end));
      offset = end;
    }
  }

  private clearPending(): void {
    this.pending = [];
    this.pendingBytes = 0;
  }
}
