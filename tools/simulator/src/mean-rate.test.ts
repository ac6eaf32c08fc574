import { describe, expect, it } from 'vitest';
import { meanMessagesPerSecond } from './mean-rate.js';
import { RoomSchedule } from './room-schedule.js';

describe('meanMessagesPerSecond', () => {
  it('is the rate without bursts, and 20 msgs/s with 5× bursts of 3 s every 30 s ≈ 27.3', () => {
    expect(meanMessagesPerSecond({ messagesPerSecond: 50, burstEveryMs: 0 })).toBe(50);
    expect(meanMessagesPerSecond()).toBeCloseTo((20 * (30 + 5 * 3)) / 33, 6);
  });

  it('matches what a schedule emits over a long run', () => {
    const traffic = {
      messagesPerSecond: 20,
      burstEveryMs: 30_000,
      burstDurationMs: 3_000,
      burstMultiplier: 5,
    };
    const schedule = new RoomSchedule(7, 1001, traffic);
    let messages = 0;
    const horizonMs = 6 * 3600_000;
    while (schedule.next() < horizonMs) messages++;
    expect(messages / (horizonMs / 1000)).toBeCloseTo(meanMessagesPerSecond(traffic), 0);
  });
});
