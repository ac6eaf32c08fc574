import type { CloseReason } from './close-reason';

export interface BackoffOptions {
  /** Upper bound of the first delay (attempt 0). */
  baseMs: number;
  /** No delay is ever longer than this. */
  capMs: number;
}

export const DEFAULT_BACKOFF: Readonly<BackoffOptions> = { baseMs: 1_000, capMs: 60_000 };

/**
 * Exponential backoff with full jitter: a uniform delay in [0, min(capMs, baseMs * 2^attempt)).
 * Full jitter (rather than ±20 %) spreads thousands of rooms that lost the same upstream at the
 * same instant over the whole window instead of reconnecting them in waves.
 */
export function backoffDelayMs(
  attempt: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, Math.floor(attempt));
  const ceilingMs = Math.min(options.capMs, options.baseMs * 2 ** exponent);
  const unit = Math.min(Math.max(random(), 0), 1);
  return Math.min(Math.floor(unit * ceilingMs), Math.max(0, ceilingMs - 1));
}

/**
 * Decides how long to wait before reconnect number `attempt` (0 = the first after a failure; the
 * count resets after the first good frame following login). Return null to stop reconnecting:
 * the client then ends as if `close()` had been called.
 */
export type ReconnectPolicy = (attempt: number, reason: CloseReason) => number | null;

export function exponentialBackoff(
  options: Partial<BackoffOptions> = {},
  random: () => number = Math.random,
): ReconnectPolicy {
  const resolved = { ...DEFAULT_BACKOFF, ...options };
  return (attempt) => backoffDelayMs(attempt, resolved, random);
}

/** Gives up after `maxAttempts` consecutive failed reconnects; otherwise defers to `policy`. */
export function limitAttempts(policy: ReconnectPolicy, maxAttempts: number): ReconnectPolicy {
  return (attempt, reason) => (attempt >= maxAttempts ? null : policy(attempt, reason));
}
