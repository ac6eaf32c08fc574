import { describe, expect, it } from 'vitest';
import { ConnectScheduler, SlotBook } from './connect-scheduler.js';

const maxInAnyWindow = (times: number[], windowMs: number): number => {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while ((sorted[i] as number) - (sorted[j] as number) >= windowMs) j++;
    max = Math.max(max, i - j + 1);
  }
  return max;
};

describe('SlotBook', () => {
  it('spaces slots by 1000 / rate', () => {
    const now = 1_000_000;
    const book = new SlotBook({ ratePerSec: 10, now: () => now });
    const slots = Array.from({ length: 5 }, () => book.reserve() - now);
    expect(slots).toEqual([0, 100, 200, 300, 400]);
  });

  it('never books more than the rate in any one-second window', () => {
    let now = 0;
    const book = new SlotBook({ ratePerSec: 50, now: () => now });
    const slots: number[] = [];
    for (let i = 0; i < 2000; i++) {
      if (i % 100 === 0) now += 370;
      slots.push(book.reserve(now + (i % 7) * 13));
    }
    expect(maxInAnyWindow(slots, 1000)).toBeLessThanOrEqual(50);
    expect(new Set(slots).size).toBe(slots.length);
  });

  it('fills the gaps between slots booked ahead', () => {
    const now = 0;
    const book = new SlotBook({ ratePerSec: 10, now: () => now });
    expect(book.reserve(500)).toBe(500);
    expect(book.reserve(0)).toBe(0);
    expect([book.reserve(0), book.reserve(0), book.reserve(0), book.reserve(0)]).toEqual([
      100, 200, 300, 400,
    ]);
    expect(book.reserve(0)).toBe(600);
  });

  it('stays correct across pruning of past slots', () => {
    let now = 0;
    const book = new SlotBook({ ratePerSec: 1000, now: () => now });
    const slots: number[] = [];
    for (let i = 0; i < 10_000; i++) {
      slots.push(book.reserve());
      if (i % 1000 === 999) now += 3000;
    }
    expect(new Set(slots).size).toBe(10_000);
    expect(maxInAnyWindow(slots, 1000)).toBeLessThanOrEqual(1000);
  });
});

describe('ConnectScheduler', () => {
  it('spaces a reconnect storm by the budget, and first connects use the gaps', () => {
    const now = 0;
    const scheduler = new ConnectScheduler({
      connectRatePerSec: 20,
      reconnectRatePerSec: 10,
      now: () => now,
    });
    const delays = Array.from({ length: 5 }, () => scheduler.reconnectDelayMs(50));
    expect(delays).toEqual([100, 200, 300, 400, 500]);
    expect(scheduler.firstConnectDelayMs()).toBe(0);
    expect(scheduler.firstConnectDelayMs()).toBe(50);
    expect(scheduler.firstConnectDelayMs()).toBe(150);
  });
});
