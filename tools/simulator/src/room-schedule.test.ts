import { describe, expect, it } from 'vitest';
import { RoomSchedule, type RoomTraffic } from './room-schedule.js';

function times(traffic: RoomTraffic, count: number, seed = 1, roomId = 1001): number[] {
  const schedule = new RoomSchedule(seed, roomId, traffic);
  return Array.from({ length: count }, () => schedule.next());
}

const steady: RoomTraffic = {
  messagesPerSecond: 50,
  burstEveryMs: 0,
  burstDurationMs: 0,
  burstMultiplier: 1,
};

describe('RoomSchedule', () => {
  it('emits at the configured mean rate, in increasing room time', () => {
    const t = times(steady, 20_000);
    expect(t.every((value, i) => i === 0 || value > (t[i - 1] as number))).toBe(true);
    expect(20_000 / ((t[t.length - 1] as number) / 1000)).toBeCloseTo(50, -1);
  });

  it('is deterministic per (seed, room) and differs across rooms', () => {
    expect(times(steady, 100)).toEqual(times(steady, 100));
    expect(times(steady, 100, 1, 1002)).not.toEqual(times(steady, 100));
    expect(times(steady, 100, 2)).not.toEqual(times(steady, 100));
  });

  it('bursts: some seconds carry several times the base rate', () => {
    const bursty: RoomTraffic = {
      messagesPerSecond: 20,
      burstEveryMs: 10_000,
      burstDurationMs: 2_000,
      burstMultiplier: 6,
    };
    const perSecond = new Map<number, number>();
    for (const at of times(bursty, 30_000))
      perSecond.set(Math.floor(at / 1000), (perSecond.get(Math.floor(at / 1000)) ?? 0) + 1);
    const counts = [...perSecond.values()].sort((a, b) => a - b);
    const median = counts[Math.floor(counts.length / 2)] as number;
    expect(median).toBeGreaterThan(12);
    expect(median).toBeLessThan(30);
    expect(counts[counts.length - 1]).toBeGreaterThan(80);
  });

  it('never emits in a quiet room', () => {
    expect(times({ ...steady, messagesPerSecond: 0 }, 1)).toEqual([Number.POSITIVE_INFINITY]);
  });
});
