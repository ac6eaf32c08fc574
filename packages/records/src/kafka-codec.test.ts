import { describe, expect, it } from 'vitest';
import {
  decodeKafkaMessage,
  entryWire,
  parseRoomKey,
  rawRecordToKafkaMessage,
  sessionEventToKafkaMessage,
} from './kafka-codec.js';
import type { RawRecord } from './raw-record.js';
import type { SessionEvent } from './session-event.js';

const topics = { raw: 'douyu.raw.v1', sessions: 'douyu.sessions.v1' };

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

const record: RawRecord = {
  room: 288016,
  body: Buffer.from('type@=chatmsg/txt@=hi/'),
  receivedAtMs: 1_700_000_000_123,
  type: 'chatmsg',
  session: 's1',
  collector: 'c1',
  seq: 7,
};

const sessionMessage = (value: unknown) => ({
  key: Buffer.from('9999'),
  value: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
  timestamp: String(base.at),
  offset: '7',
});

describe('parseRoomKey', () => {
  it('accepts decimal int4 room ids only', () => {
    expect(parseRoomKey(Buffer.from('288016'))).toBe(288016);
    expect(parseRoomKey(Buffer.from('0'))).toBeUndefined();
    expect(parseRoomKey(Buffer.from('-1'))).toBeUndefined();
    expect(parseRoomKey(Buffer.from('2147483648'))).toBeUndefined();
  });
});

describe('raw records on Kafka', () => {
  it('decode back to the record they were encoded from, body bytes untouched', () => {
    const m = rawRecordToKafkaMessage(record);
    expect(m).toEqual({
      key: '288016',
      value: record.body,
      timestamp: '1700000000123',
      headers: { type: 'chatmsg', session: 's1', collector: 'c1', seq: '7' },
    });
    const headers = Object.fromEntries(
      Object.entries(m.headers).map(([name, value]) => [name, Buffer.from(value)]),
    );
    const entry = decodeKafkaMessage(topics, topics.raw, 2, {
      key: Buffer.from(m.key),
      value: m.value,
      timestamp: m.timestamp,
      offset: '41',
      headers,
    });
    expect(entry).toMatchObject({
      kind: 'raw',
      position: { topic: topics.raw, partition: 2, offset: '41', timestampMs: 1_700_000_000_123 },
      record,
    });
    expect(entry.kind === 'raw' && entry.record.body).toBe(record.body);
  });

  it('keep the fetched bytes of a record whose key is no room id', () => {
    const key = Buffer.from('room');
    const entry = decodeKafkaMessage(topics, topics.raw, 0, {
      key,
      value: null,
      timestamp: '5',
      offset: '1',
      headers: { seq: ['1', '2'] },
    });
    expect(entry).toMatchObject({
      kind: 'undecodable',
      reason: 'invalid_key',
      detail: 'key "room"',
    });
    expect(entryWire(entry)).toEqual({ key, value: null, headers: { seq: '1' } });
  });

  it('name a topic that is neither raw nor sessions', () => {
    const entry = decodeKafkaMessage(topics, 'other', 0, sessionMessage(base));
    expect(entry).toMatchObject({ kind: 'undecodable', reason: 'unknown_topic', detail: 'other' });
  });
});

describe('session events on Kafka', () => {
  it('accepts the contract shape and rejects anything else with every problem named', () => {
    const entries = [
      sessionMessage(JSON.parse(sessionEventToKafkaMessage(base).value)),
      sessionMessage('{not json'),
      sessionMessage({ ...base, transport: 'udp', messages: -1 }),
    ].map((m) => decodeKafkaMessage(topics, topics.sessions, 0, m));
    expect(entries[0]).toMatchObject({ kind: 'session', event: base });
    expect(entries.slice(1).map((e) => e.kind === 'undecodable' && e.reason)).toEqual([
      'invalid_session_event',
      'invalid_session_event',
    ]);
    expect(entries[2]?.kind === 'undecodable' && entries[2].detail).toMatch(/transport.*messages/);
  });

  it('re-encode as the Kafka sink produces them when there are no fetched bytes', () => {
    const wire = entryWire({
      kind: 'session',
      position: { topic: topics.sessions, partition: -1, offset: '0', timestampMs: base.at },
      event: base,
    });
    expect(wire).toEqual({
      key: Buffer.from('9999'),
      value: Buffer.from(JSON.stringify(base)),
      headers: {},
    });
  });
});
