import { DEFAULT_TRAFFIC, type RoomTraffic } from './room-schedule.js';

/**
 * A room's long-run mean rate, bursts included: gaps between bursts average `burstEveryMs`,
 * bursts `burstDurationMs` at `burstMultiplier` times the rate. Defaults as the simulator's.
 */
export function meanMessagesPerSecond(traffic: Partial<RoomTraffic> = {}): number {
  const t = { ...DEFAULT_TRAFFIC, ...traffic };
  if (!(t.messagesPerSecond > 0)) return 0;
  if (!(t.burstEveryMs > 0) || !(t.burstDurationMs > 0)) return t.messagesPerSecond;
  const cycleMs = t.burstEveryMs + t.burstDurationMs;
  return (t.messagesPerSecond * (t.burstEveryMs + t.burstMultiplier * t.burstDurationMs)) / cycleMs;
}
