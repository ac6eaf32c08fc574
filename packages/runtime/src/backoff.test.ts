import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from './backoff.js';

const options = { baseMs: 1_000, capMs: 60_000 };

describe('backoffDelayMs', () => {
  it('stays in [0, min(cap, base * 2^attempt)) for every attempt and random value', () => {
    for (let attempt = 0; attempt < 80; attempt += 1) {
      const ceiling = Math.min(60_000, 1_000 * 2 ** attempt);
      for (const r of [0, 1e-9, 0.25, 0.5, 0.999999, 1]) {
        const delay = backoffDelayMs(attempt, options, () => r);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(ceiling);
        expect(Number.isInteger(delay)).toBe(true);
      }
    }
  });

  it('scales the window exponentially, then caps it at 60 s', () => {
    const top = (attempt: number) => backoffDelayMs(attempt, options, () => 0.999999);
    expect(top(0)).toBe(999);
    expect(top(1)).toBe(1_999);
    expect(top(5)).toBe(31_999);
    expect(top(6)).toBe(59_999);
    expect(top(1_000)).toBe(59_999);
    expect(backoffDelayMs(1_000, options, () => 0.5)).toBe(30_000);
  });

  it('uses full jitter: the delay is proportional to the random draw', () => {
    expect(backoffDelayMs(3, options, () => 0)).toBe(0);
    expect(backoffDelayMs(3, options, () => 0.5)).toBe(4_000);
  });

  it('treats negative and fractional attempts as their floor, never below 0', () => {
    expect(backoffDelayMs(-5, options, () => 0.5)).toBe(500);
    expect(backoffDelayMs(2.7, options, () => 0.5)).toBe(2_000);
  });

  it('spreads Math.random draws over the whole window', () => {
    const delays = Array.from({ length: 2_000 }, () => backoffDelayMs(10, options));
    expect(Math.min(...delays)).toBeLessThan(6_000);
    expect(Math.max(...delays)).toBeGreaterThan(54_000);
  });
});
