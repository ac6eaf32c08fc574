/**
 * Delay before retry number `attempt` (0-based): exponential from `initialMs`, capped at `maxMs`,
 * with ±20 % jitter so many retriers do not line up.
 */
export function retryDelayMs(
  attempt: number,
  initialMs = 200,
  maxMs = 5_000,
  random: () => number = Math.random,
): number {
  const base = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(base * (0.8 + 0.4 * random()));
}
