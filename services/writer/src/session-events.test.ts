import { describe, expect, it } from 'vitest';
import type { IngestRecord } from './records';
import { emptyBatch } from './rows';
import type { SessionEvent } from './rows';
import { aggregateSessions, normaliseSession } from './session-events';

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

const record = (value: unknown): IngestRecord => ({
  topic: 'douyu.sessions.v1',
  partition: 0,
  offset: '7',
  key: Buffer.from('9999'),
  value: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
  timestampMs: base.at,
  headers: {},
});

describe('session events', () => {
  it('accepts the contract shape and rejects anything else with every problem named', () => {
    const out = emptyBatch();
    normaliseSession(record(base), out);
    normaliseSession(record('{not json'), out);
    normaliseSession(record({ ...base, transport: 'udp', messages: -1 }), out);
    expect(out.sessions).toEqual([base]);
    expect(out.errors.map((e) => e.reason)).toEqual([
      'invalid_session_event',
      'invalid_session_event',
    ]);
    expect(out.errors[1]?.detail).toMatch(/transport.*messages/);
  });

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
