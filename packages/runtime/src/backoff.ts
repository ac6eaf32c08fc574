export interface BackoffOptions {
  /** Upper bound of the first delay (attempt 0). */
  baseMs: number;
  /** No delay is ever longer than this. */
  capMs: number;
}

export const DEFAULT_BACKOFF: Readonly<BackoffOptions> = { baseMs: 1_000, capMs: 60_000 };

/**
 * Exponential backoff with full jitter: a uniform delay in [0, min(capMs, baseMs * 2^attempt)).
 * Full jitter (rather than ±20 %) spreads thousands of retriers that lost the same upstream at
 * the same instant over the whole window instead of sending them back in waves. Every retry
 * loop of the project waits this long.
 */
export function backoffDelayMs(
  attempt: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  // Past 2^40 the window is capped anyway; the bound keeps 2 ** exponent finite.
  const exponent = Math.min(Math.max(0, Math.floor(attempt)), 40);
  const ceilingMs = Math.min(options.capMs, options.baseMs * 2 ** exponent);
  const unit = Math.min(Math.max(random(), 0), 1);
  return Math.min(Math.floor(unit * ceilingMs), Math.max(0, ceilingMs - 1));
}
