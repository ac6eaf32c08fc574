import { describe, expect, it } from 'vitest';
import { isSessionReply } from './session-replies.js';

describe('isSessionReply', () => {
  it('is true for replies to one connection, false for room broadcasts', () => {
    for (const type of ['loginres', 'keeplive', 'mrkl', 'pingreq', 'error'])
      expect(isSessionReply(type)).toBe(true);
    for (const type of ['chatmsg', 'dgb', 'uenter', 'spbc', 'rss', undefined])
      expect(isSessionReply(type)).toBe(false);
  });
});
