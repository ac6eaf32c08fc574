import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConnectGate } from './connect-gate.js';

describe('ConnectGate', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lets a burst through at once, then one per 1000 / rate ms, in order', () => {
    const gate = new ConnectGate({ ratePerSec: 10, burst: 2 });
    const start = Date.now();
    const ran: Array<[number, number]> = [];
    for (let i = 0; i < 5; i++) gate.acquire(() => ran.push([i, Date.now() - start]));
    expect(ran).toEqual([
      [0, 0],
      [1, 0],
    ]);
    vi.advanceTimersByTime(1_000);
    expect(ran).toEqual([
      [0, 0],
      [1, 0],
      [2, 100],
      [3, 200],
      [4, 300],
    ]);
    expect(gate.waiting).toBe(0);
  });

  it('skips cancelled waiters without spending a token', () => {
    const gate = new ConnectGate({ ratePerSec: 10, burst: 1 });
    const ran: string[] = [];
    gate.acquire(() => ran.push('a'));
    const cancel = gate.acquire(() => ran.push('b'));
    gate.acquire(() => ran.push('c'));
    cancel();
    vi.advanceTimersByTime(100);
    expect(ran).toEqual(['a', 'c']);
  });

  it('rejects a non-positive rate', () => {
    expect(() => new ConnectGate({ ratePerSec: 0, burst: 1 })).toThrow(RangeError);
  });
});
