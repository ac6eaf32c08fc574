import { parseMessage } from '@danmaku/protocol';
import type { ChatMessage, GiftMessage, UserEnterMessage } from '@danmaku/protocol';
import { describe, expect, it } from 'vitest';
import type { ContentKeyed } from './rows.js';
import { chatRow, entryRow, giftRow } from './typed-rows.js';
import type { UnparsedCounts } from './unparsed-values.js';

const source: ContentKeyed = {
  receivedAtMs: Date.UTC(2026, 10, 1),
  roomId: 9999,
  sourcePartition: 0,
  sourceOffset: '1',
  contentHash: '0',
  sessionKey: '0',
};

function typed<T extends 'chatmsg' | 'dgb' | 'uenter'>(type: T, rest: string) {
  const m = parseMessage(`type@=${type}/${rest}`);
  if (m.type !== type) throw new Error(`not a ${type}: ${rest}`);
  return m as ChatMessage & GiftMessage & UserEnterMessage & { type: T };
}

describe('typed rows: NULL for absent, unparseable or too big', () => {
  it('a uenter with uid@=notanumber has a NULL uid, counted; absent fields are NULL, not counted', () => {
    const counts: UnparsedCounts = new Map();
    const row = entryRow(typed('uenter', 'uid@=notanumber/nn@=/'), source, false, counts);
    expect(row).toMatchObject({ uid: null, nickname: '', level: null, nobleLevel: null });
    expect(row.fields['uid']).toBe('notanumber');
    expect([...counts]).toEqual([['user_entries.uid', 1]]);
  });

  it('a dgb with a 23-digit uid has a NULL uid; gfcnt absent is one gift, garbled is NULL', () => {
    const counts: UnparsedCounts = new Map();
    const big = giftRow(typed('dgb', 'uid@=12345678901234567890123/'), source, false, counts);
    expect(big).toMatchObject({ uid: null, giftCount: 1, giftId: null, comboHits: null });
    const garbled = giftRow(typed('dgb', 'uid@=7/gfcnt@=x/gfid@=824/'), source, false, counts);
    expect(garbled).toMatchObject({ uid: 7, giftCount: null, giftId: 824 });
    expect([...counts]).toEqual([
      ['gifts.uid', 1],
      ['gifts.gift_count', 1],
    ]);
  });

  it.each([
    ['2147483647', 2147483647, 0],
    ['-2147483648', -2147483648, 0],
    ['2147483648', null, 1],
    ['-2147483649', null, 1],
    ['99999999999', null, 1],
    ['', null, 1],
    ['1.5', null, 1],
    ['0', 0, 0],
  ])('int4 column level@=%j → %s (counted %i)', (text, value, counted) => {
    const counts: UnparsedCounts = new Map();
    const row = chatRow(typed('chatmsg', `level@=${text}/`), source, false, counts);
    expect(row.level).toBe(value);
    expect(counts.get('chat_messages.level') ?? 0).toBe(counted);
  });

  it('uid (int8) keeps any safe integer, also beyond int4', () => {
    const counts: UnparsedCounts = new Map();
    const row = chatRow(typed('chatmsg', 'uid@=9007199254740991/'), source, false, counts);
    expect(row.uid).toBe(9007199254740991);
    expect(counts.size).toBe(0);
  });

  it('a bare chatmsg is all NULL but for the keys the writer guarantees, and counts nothing', () => {
    const counts: UnparsedCounts = new Map();
    const row = chatRow(typed('chatmsg', ''), source, true, counts);
    expect(row).toMatchObject({
      cid: '',
      uid: null,
      nickname: null,
      text: null,
      level: null,
      badgeName: null,
      badgeLevel: null,
      badgeRoomId: null,
      nobleLevel: null,
      colour: null,
      clientType: null,
      sentAtMs: null,
      isRobot: true,
      isCrossRoom: true,
      roomId: 9999,
    });
    expect(counts.size).toBe(0);
  });

  it('a sent time after 2200 or not positive is NULL and counted', () => {
    const counts: UnparsedCounts = new Map();
    expect(chatRow(typed('chatmsg', 'cst@=99999999999999/'), source, false, counts).sentAtMs).toBe(
      null,
    );
    expect(chatRow(typed('chatmsg', 'cst@=0/'), source, false, counts).sentAtMs).toBe(null);
    expect(chatRow(typed('chatmsg', 'cst@=1700000000/'), source, false, counts).sentAtMs).toBe(
      1700000000000,
    );
    expect(counts.get('chat_messages.sent_at')).toBe(2);
  });
});
