import { describe, expect, it } from 'vitest';
import { ReplicaGuard } from './replica-guard.js';

describe('ReplicaGuard', () => {
  it('refuses a second replica of a held room and lets the same replica share it', () => {
    const changes: Array<[number, number]> = [];
    const guard = new ReplicaGuard((replica, delta) => changes.push([replica, delta]));
    const watch = guard.claim(7, 0);
    expect(watch).toBeDefined();
    expect(guard.claim(7, 1)).toBeUndefined();
    const crawl = guard.claim(7, 0);
    expect(crawl).toBeDefined();
    expect(guard.claim(8, 1)).toBeDefined();
    watch?.();
    watch?.();
    expect(guard.claim(7, 1)).toBeUndefined();
    crawl?.();
    expect(guard.replicaOf(7)).toBeUndefined();
    expect(guard.claim(7, 1)).toBeDefined();
    expect(changes).toEqual([
      [0, 1],
      [1, 1],
      [0, -1],
      [1, 1],
    ]);
  });
});
