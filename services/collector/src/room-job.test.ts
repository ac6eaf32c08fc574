import { describe, expect, it } from 'vitest';
import { parseRoomJobData, windowStartMs } from './room-job.js';

describe('parseRoomJobData', () => {
  it('accepts watch and crawl data', () => {
    expect(parseRoomJobData({ kind: 'watch', room: 9999 })).toEqual({ kind: 'watch', room: 9999 });
    expect(parseRoomJobData({ kind: 'crawl', room: 1, durationMs: 5, schedule: 's' })).toEqual({
      kind: 'crawl',
      room: 1,
      durationMs: 5,
      schedule: 's',
    });
  });

  it('keeps the replica fields of a replicated room', () => {
    expect(parseRoomJobData({ kind: 'watch', room: 7, replica: 1, replicas: 2 })).toEqual({
      kind: 'watch',
      room: 7,
      replica: 1,
      replicas: 2,
    });
    for (const bad of [{ replica: 2, replicas: 2 }, { replica: -1 }, { replicas: 0 }]) {
      expect(() => parseRoomJobData({ kind: 'watch', room: 7, ...bad })).toThrow(/replica/);
    }
  });

  it('fails unrecoverably on bad data instead of retrying it forever', () => {
    for (const bad of [undefined, {}, { room: -1 }, { room: 1.5 }, { kind: 'crawl', room: 1 }]) {
      expect(() => parseRoomJobData(bad)).toThrow(/room job|crawl job/);
    }
  });
});

describe('windowStartMs', () => {
  it('prefers the scheduler’s prevMillis, then the millis in the job id, then timestamp + delay', () => {
    expect(windowStartMs({ id: 'repeat:s:123', opts: { prevMillis: 100 }, timestamp: 1 })).toBe(
      100,
    );
    expect(windowStartMs({ id: 'repeat:s:123', opts: {}, timestamp: 1 })).toBe(123);
    expect(windowStartMs({ id: 'x', opts: { delay: 50 }, timestamp: 1_000 })).toBe(1_050);
  });
});
