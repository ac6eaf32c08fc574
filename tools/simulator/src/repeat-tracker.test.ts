import { describe, expect, it } from 'vitest';
import { RepeatTracker } from './repeat-tracker.js';

describe('RepeatTracker', () => {
  it('heard by the same session: never a copy, however close', () => {
    const t = new RepeatTracker(2_000);
    const body = 'type@=uenter/uid@=1/';
    const a = new Set([1]);
    expect(t.check('uenter', body, 0, a)).toEqual({ merged: false, edge: false });
    expect(t.check('uenter', body, 500, a)).toEqual({ merged: false, edge: false });
    expect(t.check('uenter', body, 600, new Set([1, 2]))).toEqual({ merged: false, edge: false });
  });

  it('heard only by another session within the window: merged (the ambiguity)', () => {
    const t = new RepeatTracker(2_000);
    const body = 'type@=uenter/uid@=1/';
    expect(t.check('uenter', body, 0, new Set([1]))).toEqual({ merged: false, edge: false });
    expect(t.check('uenter', body, 500, new Set([2]))).toEqual({ merged: true, edge: false });
    expect(t.check('uenter', body, 1_500, new Set([2]))).toEqual({ merged: true, edge: true });
    // 2.1 s after the kept copy (not after the merged ones): stored again, near the edge.
    expect(t.check('uenter', body, 2_100, new Set([2]))).toEqual({ merged: false, edge: true });
    expect(t.check('uenter', body, 6_000, new Set([3]))).toEqual({ merged: false, edge: false });
    // Kept by {3}; heard by {3, 4} then by {4} only: {4}'s record may be the one stored.
    expect(t.check('uenter', body, 6_100, new Set([3, 4]))).toEqual({ merged: false, edge: false });
    expect(t.check('uenter', body, 6_200, new Set([4])).edge).toBe(true);
  });

  it('never counts chat (merged by cid) or a session reply (not merged)', () => {
    const t = new RepeatTracker(2_000);
    for (const [type, body] of [
      ['chatmsg', 'type@=chatmsg/cid@=x/'],
      ['mrkl', 'type@=mrkl/'],
    ] as const) {
      expect(t.check(type, body, 0, new Set([1])).merged).toBe(false);
      expect(t.check(type, body, 10, new Set([2])).merged).toBe(false);
    }
  });
});
