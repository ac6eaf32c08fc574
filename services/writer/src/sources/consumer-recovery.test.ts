import {
  KafkaJSConnectionError,
  KafkaJSGroupCoordinatorNotFound,
  KafkaJSNonRetriableError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
  KafkaJSSASLAuthenticationError,
} from 'kafkajs';
import { describe, expect, it } from 'vitest';
import {
  consumerRestartDelayMs,
  isMissingTopicError,
  isPermanentKafkaError,
} from './consumer-recovery.js';

// The kafkajs error classes themselves, as its consumer emits them in a CRASH event.
/** kafkajs's typings declare these constructors without the message they need at run time. */
function withMessage<T>(errorClass: new () => T, message: string): T {
  return Reflect.construct(errorClass, [message]) as T;
}
const protocol = (type: string) =>
  new KafkaJSProtocolError(Object.assign(new Error(type), { type, code: 0, retriable: false }));

describe('isPermanentKafkaError', () => {
  it('a broker coming back is not permanent', () => {
    expect(
      isPermanentKafkaError(
        withMessage(KafkaJSGroupCoordinatorNotFound, 'Failed to find group coordinator'),
      ),
    ).toBe(false);
    const connection = new KafkaJSConnectionError('Connection error: connect ECONNREFUSED');
    expect(
      isPermanentKafkaError(
        new KafkaJSNumberOfRetriesExceeded(connection, { retryCount: 5, retryTime: 1000 }),
      ),
    ).toBe(false);
    expect(isPermanentKafkaError(new KafkaJSNonRetriableError(connection))).toBe(false);
    for (const type of [
      'COORDINATOR_NOT_AVAILABLE',
      'NOT_COORDINATOR',
      'UNKNOWN_MEMBER_ID',
      'INVALID_FETCH_SESSION_EPOCH',
    ])
      expect(isPermanentKafkaError(protocol(type)), type).toBe(false);
    expect(isPermanentKafkaError(new Error('anything else'))).toBe(false);
  });

  it('credentials, authorisation and invalid configuration are, also as a cause', () => {
    expect(
      isPermanentKafkaError(
        withMessage(KafkaJSSASLAuthenticationError, 'SASL PLAIN authentication failed'),
      ),
    ).toBe(true);
    for (const type of [
      'GROUP_AUTHORIZATION_FAILED',
      'TOPIC_AUTHORIZATION_FAILED',
      'INVALID_SESSION_TIMEOUT',
      'UNSUPPORTED_VERSION',
    ])
      expect(isPermanentKafkaError(protocol(type)), type).toBe(true);
    const wrapped = new KafkaJSNumberOfRetriesExceeded(protocol('GROUP_AUTHORIZATION_FAILED'), {
      retryCount: 5,
      retryTime: 1000,
    });
    expect(isPermanentKafkaError(wrapped)).toBe(true);
  });
});

it('restart delay windows double from 1 s and stop growing at 30 s (full jitter)', () => {
  expect([0, 1, 2, 3, 4, 5, 6, 50].map((a) => consumerRestartDelayMs(a, () => 0.5))).toEqual([
    500, 1_000, 2_000, 4_000, 8_000, 15_000, 15_000, 15_000,
  ]);
});

describe('isMissingTopicError', () => {
  it('finds an unknown topic along the causes, and nothing else', () => {
    const unknown = protocol('UNKNOWN_TOPIC_OR_PARTITION');
    expect(isMissingTopicError(unknown)).toBe(true);
    expect(
      isMissingTopicError(
        new KafkaJSNumberOfRetriesExceeded(unknown, { retryCount: 5, retryTime: 1000 }),
      ),
    ).toBe(true);
    expect(isMissingTopicError(protocol('TOPIC_AUTHORIZATION_FAILED'))).toBe(false);
    expect(isMissingTopicError(new Error('This server does not host this topic-partition'))).toBe(
      false,
    );
  });
});
