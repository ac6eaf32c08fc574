import { Prng } from './prng.js';

/** A room's message rate: a Poisson stream with occasional bursts at a multiple of the rate. */
export interface RoomTraffic {
  /** Mean messages per second outside bursts; 0 makes a quiet room. */
  messagesPerSecond: number;
  /** Mean time between burst starts; 0 disables bursts. */
  burstEveryMs: number;
  /** Mean burst length (each burst lasts 0.5–1.5 times this). */
  burstDurationMs: number;
  /** Rate multiplier during a burst. */
  burstMultiplier: number;
}

export const DEFAULT_TRAFFIC: RoomTraffic = {
  messagesPerSecond: 20,
  burstEveryMs: 30_000,
  burstDurationMs: 3_000,
  burstMultiplier: 5,
};

/**
 * Times of a room's messages on the room's own clock (ms since the room's stream began),
 * deterministic for (seed, room id, traffic).
 */
export class RoomSchedule {
  private readonly rng: Prng;
  private nowMs = 0;
  private burstStartMs = Number.POSITIVE_INFINITY;
  private burstEndMs = Number.POSITIVE_INFINITY;

  constructor(
    seed: number,
    roomId: number,
    private readonly traffic: RoomTraffic,
  ) {
    this.rng = new Prng(seed, roomId, 0x73636864);
    this.planBurst();
  }

  /** Room time of the next message; Infinity for a quiet room. */
  next(): number {
    const { messagesPerSecond, burstMultiplier } = this.traffic;
    if (!(messagesPerSecond > 0)) return Number.POSITIVE_INFINITY;
    for (;;) {
      const inBurst = this.nowMs >= this.burstStartMs;
      const rate = inBurst ? messagesPerSecond * burstMultiplier : messagesPerSecond;
      const candidate = this.nowMs + this.rng.exponential(1000 / rate);
      const boundary = inBurst ? this.burstEndMs : this.burstStartMs;
      if (candidate < boundary) {
        this.nowMs = candidate;
        return candidate;
      }
      // The stream is memoryless, so restarting the draw at a rate change keeps it exact.
      this.nowMs = boundary;
      if (inBurst) this.planBurst();
    }
  }

  private planBurst(): void {
    const { burstEveryMs, burstDurationMs } = this.traffic;
    if (!(burstEveryMs > 0) || !(burstDurationMs > 0)) return;
    this.burstStartMs = this.nowMs + this.rng.exponential(burstEveryMs);
    this.burstEndMs = this.burstStartMs + burstDurationMs * (0.5 + this.rng.next());
  }
}
