import { readFileSync } from 'node:fs';
import { decodeKafkaMessage, type SourceEntry } from '@danmaku/records';
import { describe, expect, it } from 'vitest';
import { normaliseRecords } from './batch-writer.js';

const samples = readFileSync(
  new URL('../../../fixtures/douyu/samples.txt', import.meta.url),
  'utf8',
)
  .split('\n')
  .filter((line) => line.length > 0 && !line.startsWith('#'));

const T0 = Date.UTC(2024, 4, 1, 12);

const topics = { raw: 'douyu.raw.v1', sessions: 'douyu.sessions.v1' };

/** A fetched Kafka message, decoded by the seam's codec as the Kafka source does. */
function record(
  value: string | Buffer | null,
  overrides: { key?: Buffer | null; timestampMs?: number; offset?: string } = {},
): SourceEntry {
  return decodeKafkaMessage(topics, topics.raw, 3, {
    key: overrides.key === undefined ? Buffer.from('9999') : overrides.key,
    value: typeof value === 'string' ? Buffer.from(value) : value,
    timestamp: String(overrides.timestampMs ?? T0),
    offset: overrides.offset ?? '41',
  });
}

function normalise(r: SourceEntry) {
  return normaliseRecords([r]);
}

describe('normaliseRaw', () => {
  it('gives broadcasts a merge key and a session reply none (two sessions, two replies)', () => {
    const [spbc] = normalise(record('type@=spbc/gfid@=1/gn@=x/')).events;
    expect(spbc?.contentHash).toMatch(/^-?\d+$/);
    for (const body of [
      'type@=mrkl/',
      'type@=keeplive/tick@=1700000000/',
      'type@=loginres/userid@=0/',
    ])
      expect(normalise(record(body)).events[0]?.contentHash).toBeNull();
  });

  it('maps a chatmsg to typed columns, keeping every field and the source coordinate', () => {
    const body =
      'type@=chatmsg/rid@=9999/uid@=123/nn@=小明/txt@=加油@S666/cid@=abc/level@=12/col@=2/ct@=1/bnn@=鱼丸/bl@=7/brid@=9999/nl@=3/cst@=1700000000123/dms@=4/';
    const out = normalise(record(body));
    expect(out.chat).toEqual([
      {
        receivedAtMs: T0,
        roomId: 9999,
        sourcePartition: 3,
        sourceOffset: '41',
        cid: 'abc',
        uid: 123,
        nickname: '小明',
        text: '加油/666',
        level: 12,
        badgeName: '鱼丸',
        badgeLevel: 7,
        badgeRoomId: 9999,
        nobleLevel: 3,
        colour: 2,
        clientType: 1,
        sentAtMs: 1700000000123,
        isRobot: false,
        isCrossRoom: false,
        fields: expect.objectContaining({
          txt: '加油/666',
          dms: '4',
          cst: '1700000000123',
        }) as unknown,
      },
    ]);
  });

  it('flags a message whose rid is not the subscribed room as cross-room', () => {
    const out = normalise(
      record('type@=uenter/rid@=1/uid@=5/nn@=a/level@=3/nl@=1/', { key: Buffer.from('2') }),
    );
    expect(out.entries[0]).toMatchObject({ roomId: 2, isCrossRoom: true, uid: 5, nobleLevel: 1 });
  });

  it('maps dgb to gifts with count and combo hits apart', () => {
    const out = normalise(record('type@=dgb/rid@=9999/gfid@=824/gfcnt@=30/hits@=31/uid@=8/nn@=b/'));
    expect(out.gifts[0]).toMatchObject({ giftId: 824, giftCount: 30, comboHits: 31, uid: 8 });
  });

  it('stores NULL for numbers PostgreSQL integer columns cannot hold, and counts them; the raw value stays in fields', () => {
    const out = normalise(
      record('type@=chatmsg/rid@=9999/level@=99999999999/cst@=99999999999999999/txt@=x/'),
    );
    expect(out.chat[0]).toMatchObject({ level: null, sentAtMs: null, uid: null, nickname: null });
    expect(out.chat[0]?.fields['level']).toBe('99999999999');
    expect([...out.unparsed]).toEqual([
      ['chat_messages.level', 1],
      ['chat_messages.sent_at', 1],
    ]);
  });

  it('sends every other type to room_events, losslessly', () => {
    const dup = 'type@=custom/a@=1/a@=2/';
    const out = normalise(record(dup));
    expect(out.events[0]).toMatchObject({
      type: 'custom',
      body: dup,
      fields: { type: 'custom', a: '2' },
    });
    const plain = normalise(record('type@=mrkl/'));
    expect(plain.events[0]).toMatchObject({ type: 'mrkl', body: null });
  });

  it('never keeps the loginres client IP, not even in the body', () => {
    const out = normalise(
      record('type@=loginres/userid@=1/ip@=192.0.2.10/roomgroup@=0/extra@=1/extra@=2/'),
    );
    expect(out.events[0]?.fields).not.toHaveProperty('ip');
    expect(out.events[0]?.body).toBeNull();
    expect(JSON.stringify(out)).not.toContain('192.0.2.10');
  });

  it.each([
    ['invalid_key', record('type@=mrkl/', { key: Buffer.from('room') })],
    ['invalid_key', record('type@=mrkl/', { key: null })],
    ['invalid_timestamp', record('type@=mrkl/', { timestampMs: -1 })],
    ['empty_value', record(null)],
    ['empty_value', record('')],
    ['invalid_utf8', record(Buffer.from([0x74, 0xff, 0xfe]))],
    ['nul_character', record('type@=chatmsg/txt@=a\u0000b/')],
    ['missing_type', record('not stt at all')],
    ['missing_type', record('txt@=no type/')],
  ] as const)('rejects poison as %s', (reason, r) => {
    const out = normalise(r);
    expect(out.errors.map((e) => e.reason)).toEqual([reason]);
    expect(out.errors[0]?.entry).toBe(r);
    expect(out.chat.length + out.events.length + out.gifts.length + out.entries.length).toBe(0);
  });

  it('turns every real captured body into exactly one row', () => {
    const out = normaliseRecords(samples.map((body, i) => record(body, { offset: String(i) })));
    expect(out.errors).toEqual([]);
    expect(out.chat.length + out.gifts.length + out.entries.length + out.events.length).toBe(
      samples.length,
    );
    expect(out.chat.length).toBeGreaterThan(5);
    expect(JSON.stringify(out.events)).not.toContain('192.0.2.10');
  });
});
