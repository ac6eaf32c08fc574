import { backoffDelayMs } from '@danmaku/runtime/backoff';

// kafkajs restarts its consumer after most crashes, but not after the ones it calls
// non-retriable, and some of those are only a broker coming back: "Failed to find group
// coordinator" right after a restart leaves the consumer stopped for good (tulios/kafkajs#1630,
// #1445). The writer recreates the consumer itself then; only errors that no wait can cure
// (credentials, authorisation, invalid configuration) stop it.

const PERMANENT_NAMES = new Set(['KafkaJSSASLAuthenticationError']);
const PERMANENT_TYPES = /AUTHORIZATION_FAILED|^INVALID_(?!FETCH_SESSION)|^UNSUPPORTED_|SASL/;

interface KafkaLikeError {
  name?: unknown;
  type?: unknown;
  cause?: unknown;
  originalError?: unknown;
}

/** Whether a consumer crash needs an operator rather than time (checked along its causes). */
export function isPermanentKafkaError(error: unknown): boolean {
  return someCause(
    error,
    (e) =>
      (typeof e.name === 'string' && PERMANENT_NAMES.has(e.name)) ||
      (typeof e.type === 'string' && PERMANENT_TYPES.test(e.type)),
  );
}

/**
 * Whether the consumer could not start because a subscribed topic does not exist yet: writers
 * are often started before the collectors (or an admin) create the topics on a fresh cluster.
 */
export function isMissingTopicError(error: unknown): boolean {
  return someCause(error, (e) => e.type === 'UNKNOWN_TOPIC_OR_PARTITION');
}

function someCause(error: unknown, test: (e: KafkaLikeError) => boolean): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && typeof current === 'object' && current !== null; depth++) {
    const e = current as KafkaLikeError;
    if (test(e)) return true;
    current = e.cause ?? e.originalError;
  }
  return false;
}

/** Delay before recreating the consumer: a window of 1 s doubling to 30 s; attempts are unbounded. */
export function consumerRestartDelayMs(
  attempt: number,
  random: () => number = Math.random,
): number {
  return backoffDelayMs(attempt, { baseMs: 1_000, capMs: 30_000 }, random);
}
