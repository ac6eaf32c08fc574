import type { SessionEvent } from '@danmaku/records';
import { describe, expect, it } from 'vitest';
import { aggregateSessions } from './session-events.js';

const base: SessionEvent = {
  session: 's1',
  room: 9999,
  collector: 'c1',
  transport: 'ws',
  endpoint: 'wss://example.invalid:8506',
  event: 'connecting',
  at: 1_700_000_000_000,
  reason: null,
  messages: 0,
};

describe('session events', () => {
  it('folds a batch into one row per session: earliest step times, largest count, first close reason', () => {
    const rows = aggregateSessions([
      { ...base, event: 'connected', at: base.at + 10 },
      { ...base, event: 'logged_in', at: base.at + 20 },
      { ...base, session: 's2', event: 'closed', at: base.at + 5, reason: 'timeout', messages: 4 },
      { ...base, event: 'closed', at: base.at + 90, reason: 'shutdown', messages: 120 },
      { ...base, event: 'closed', at: base.at + 95, reason: 'again', messages: 100 },
      { ...base, event: 'connected', at: base.at + 10 },
    ]);
    expect(rows).toEqual([
      expect.objectContaining({
        sessionId: 's1',
        connectingAtMs: null,
        connectedAtMs: base.at + 10,
        loggedInAtMs: base.at + 20,
        closedAtMs: base.at + 90,
        closeReason: 'shutdown',
        messages: 120,
      }),
      expect.objectContaining({
        sessionId: 's2',
        closedAtMs: base.at + 5,
        closeReason: 'timeout',
        messages: 4,
      }),
    ]);
  });
});
