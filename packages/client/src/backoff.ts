import { backoffDelayMs, DEFAULT_BACKOFF, type BackoffOptions } from '@danmaku/runtime/backoff';
import type { CloseReason } from './close-reason.js';

// The formula is the runtime kit's; the client re-exports it so its users need only the client.
export { backoffDelayMs, DEFAULT_BACKOFF, type BackoffOptions } from '@danmaku/runtime/backoff';

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
