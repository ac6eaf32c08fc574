import { describe, expect, it } from 'vitest';
import { RepeatTracker } from './repeat-tracker.js';

describe('RepeatTracker', () => {
  it('counts a body repeated within the window from the kept copy, as the writer merges', () => {
    const t = new RepeatTracker(2_000);
    const body = 'type@=uenter/uid@=1/';
    expect(t.isRepeat('uenter', body, 0)).toBe(false);
    expect(t.isRepeat('uenter', body, 1_500)).toBe(true);
    // 2.1 s after the kept copy (not after the merged one): stored again.
    expect(t.isRepeat('uenter', body, 2_100)).toBe(false);
    expect(t.isRepeat('uenter', body, 4_100)).toBe(false);
  });

  it('never counts chat (merged by cid) or a session reply (not merged)', () => {
    const t = new RepeatTracker(2_000);
    for (const [type, body] of [
      ['chatmsg', 'type@=chatmsg/cid@=x/'],
      ['mrkl', 'type@=mrkl/'],
    ] as const) {
      expect(t.isRepeat(type, body, 0)).toBe(false);
      expect(t.isRepeat(type, body, 10)).toBe(false);
    }
  });
});
