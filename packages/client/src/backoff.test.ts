import { describe, expect, it } from 'vitest';
import { exponentialBackoff, limitAttempts } from './backoff.js';

describe('reconnect policies', () => {
  it('exponentialBackoff fills in the defaults (1 s base, 60 s cap)', () => {
    const policy = exponentialBackoff({}, () => 0.999999);
    expect(policy(0, 'dead-socket')).toBe(999);
    expect(policy(20, 'connect-failed')).toBe(59_999);
    expect(exponentialBackoff({ baseMs: 10, capMs: 50 }, () => 0.5)(9, 'user')).toBe(25);
  });

  it('limitAttempts gives up (null) after maxAttempts failures', () => {
    const policy = limitAttempts(() => 7, 3);
    expect([0, 1, 2, 3, 4].map((a) => policy(a, 'connect-failed'))).toEqual([7, 7, 7, null, null]);
  });
});
