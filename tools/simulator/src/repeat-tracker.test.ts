import { describe, expect, it } from 'vitest';
import { RepeatTracker } from './repeat-tracker.js';

describe('RepeatTracker', () => {
  it('counts a body repeated within the window from the kept copy, as the writer merges', () => {
    const t = new RepeatTracker(2_000);
    const body = 'type@=uenter/uid@=1/';
    expect(t.check('uenter', body, 0)).toEqual({ merged: false, edge: false });
    expect(t.check('uenter', body, 500)).toEqual({ merged: true, edge: false });
    expect(t.check('uenter', body, 1_500)).toEqual({ merged: true, edge: true });
    // 2.1 s after the kept copy (not after the merged ones): stored again, near the edge.
    expect(t.check('uenter', body, 2_100)).toEqual({ merged: false, edge: true });
    expect(t.check('uenter', body, 6_000)).toEqual({ merged: false, edge: false });
  });

  it('never counts chat (merged by cid) or a session reply (not merged)', () => {
    const t = new RepeatTracker(2_000);
    for (const [type, body] of [
      ['chatmsg', 'type@=chatmsg/cid@=x/'],
      ['mrkl', 'type@=mrkl/'],
    ] as const) {
      expect(t.check(type, body, 0).merged).toBe(false);
      expect(t.check(type, body, 10).merged).toBe(false);
    }
  });
});
