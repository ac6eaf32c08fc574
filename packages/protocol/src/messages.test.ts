import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeFrame } from './frame.js';
import { parseMessage, peekType, type DouyuMessage } from './messages.js';
import { loadSamples, sampleWith } from './samples.fixture.js';
import { parseStt, parseSttPairs } from './stt.js';

const samples = loadSamples();
const parseSample = (needle: string): DouyuMessage =>
  parseMessage(sampleWith(samples, needle).body);

describe('parseMessage on real samples', () => {
  it.each(samples.map((s) => [s.line, s.body] as const))(
    'line %i parses without throwing, as a string and as bytes, keeping every field',
    (_line, body) => {
      const message = parseMessage(body);
      expect(parseMessage(Buffer.from(body))).toEqual(message);
      const { ip: _ip, ...expectedFields } = parseStt(body);
      expect({ ...message.fields }).toEqual(expectedFields);
      expect(message.type === 'unknown' ? message.rawType : message.type).toBe(parseStt(body).type);
    },
  );

  it('types chatmsg (with dms, cst in ms, fan badge, noble level)', () => {
    const m = parseSample('cid@=044c3bf3074b483275a44e0000000000/');
    expect(m).toMatchObject({
      type: 'chatmsg',
      cid: '044c3bf3074b483275a44e0000000000',
      roomId: 7750753,
      uid: 549977,
      nickname: '一闪一闪亮品品',
      text: '冷门歌手哎，声音独特哎',
      level: 29,
      // This capture has no col and no ct: unknown, not white / web.
      colour: null,
      clientType: null,
      badgeName: '',
      badgeLevel: 0,
      badgeRoomId: 0,
      nobleLevel: 7,
      sentAtMs: 1693107871294,
      isRobot: false,
    });
    expect(m.fields.dms).toBe('8');
  });

  it('types chatmsg without dms as a suspected robot, with colour and client type', () => {
    const m = parseSample('cid@=d76ff4eed1544366ac965c0000000000/');
    expect(m).toMatchObject({
      type: 'chatmsg',
      roomId: 9999,
      uid: 1707233,
      nickname: '明天你好啊丷',
      text: 'POM急了 可以等龙骑跳先手的',
      level: 44,
      colour: 1,
      clientType: 14,
      sentAtMs: 1789539675945,
      isRobot: true,
    });
  });

  it('normalises a cst in seconds to milliseconds and keeps a full-width slash', () => {
    const m = parseSample('cid@=5e87fe93079d4499d26b861600000000/');
    expect(m).toMatchObject({
      type: 'chatmsg',
      sentAtMs: 1627874185000,
      text: '玩的是自定义吗／？',
    });
    const badge = parseSample('cid@=2006a18e487a490638fb010000000000/');
    expect(badge).toMatchObject({ badgeName: '小僵尸', badgeLevel: 12, badgeRoomId: 9999 });
    expect(badge).toMatchObject({ sentAtMs: 1542810746690, isRobot: true });
  });

  it('types dgb', () => {
    expect(parseSample('cbid@=87616/')).toMatchObject({
      type: 'dgb',
      roomId: 252802,
      giftId: 824,
      count: 30,
      comboHits: 30,
      uid: 129851912,
      nickname: '晴臣183',
      level: 21,
      badgeName: '莉卡',
      badgeLevel: 11,
      badgeRoomId: 2971401,
    });
  });

  it('counts a dgb without gfcnt (2017 form) as one gift, its absent hits as unknown', () => {
    const m = parseSample('uid@=53020866/');
    expect(m).toMatchObject({ type: 'dgb', giftId: 191, count: 1, comboHits: null, level: 50 });
    expect(m.fields.gfcnt).toBeUndefined();
  });

  it('types uenter', () => {
    expect(parseSample('uid@=20003668/')).toMatchObject({
      type: 'uenter',
      roomId: 4835718,
      uid: 20003668,
      nickname: '须予银鞍绣毂迎倾心人',
      level: 39,
      nobleLevel: 3,
    });
  });

  it('types loginres and drops the client IP from its fields', () => {
    const m = parseSample('ip@=192.0.2.10/');
    expect(m).toMatchObject({
      type: 'loginres',
      userId: 1235403446,
      roomGroup: 0,
      liveStatus: 0,
      sessionId: '0',
    });
    expect('ip' in m.fields).toBe(false);
    expect(JSON.stringify(m)).not.toContain('192.0.2.10');
    expect(m.fields.nrc).toBe('2785047409');
  });

  it('types mrkl and pingreq', () => {
    expect(parseSample('type@=mrkl/')).toEqual({ type: 'mrkl', fields: { type: 'mrkl' } });
    expect(parseSample('tick@=1693128084471/')).toMatchObject({
      type: 'pingreq',
      tickMs: 1693128084471,
    });
  });

  it('types error (no captured sample exists; body from the official document)', () => {
    expect(parseMessage('type@=error/code@=51/')).toMatchObject({ type: 'error', code: 51 });
  });

  it('keeps other types as unknown with their raw type and all fields', () => {
    const m = parseSample('vrid@=2013081579710062592/');
    expect(m.type).toBe('unknown');
    expect(m).toMatchObject({ rawType: 'comm_chatmsg' });
    expect(m.fields.btype).toBe('voiceDanmu');
    // Nested values stay once-unescaped strings until a parser that knows them decodes them.
    expect(parseStt(m.fields.chatmsg ?? '').type).toBe('chatmsg');
  });
});

describe('parseMessage on odd input', () => {
  it.each([
    ['', undefined],
    ['no pairs at all', undefined],
    ['btype@=fansupgradebroadcast/', undefined],
    ['type@=chatmsg/', 'chatmsg'],
    ['type@=chatmsg/uid@=12x/level@=-/rid@=99999999999999999999/', 'chatmsg'],
    ['type@=constructor/', 'constructor'],
    ['type@=__proto__/', '__proto__'],
  ])('%j never throws', (body, rawType) => {
    const m = parseMessage(body);
    if (m.type === 'unknown') expect(m.rawType).toBe(rawType);
    else expect(m.type).toBe(rawType);
  });

  it('gives null, not 0 or an empty string, for missing or garbled fields, keeping their text', () => {
    const m = parseMessage('type@=chatmsg/uid@=12x/level@=-/rid@=99999999999999999999/nn@=/');
    expect(m).toMatchObject({
      type: 'chatmsg',
      uid: null,
      level: null,
      roomId: null,
      cid: null,
      text: null,
      nickname: '',
      badgeLevel: null,
      sentAtMs: null,
    });
    expect(m.fields).toMatchObject({ uid: '12x', level: '-', rid: '99999999999999999999' });
  });

  it('keeps 1 for a dgb without gfcnt but null for a garbled one', () => {
    expect(parseMessage('type@=dgb/gfid@=824/')).toMatchObject({ count: 1, uid: null });
    expect(parseMessage('type@=dgb/gfcnt@=lots/')).toMatchObject({ count: null });
    expect(parseMessage('type@=error/')).toMatchObject({ code: null });
    expect(parseMessage('type@=pingreq/tick@=x/')).toMatchObject({ tickMs: null });
  });

  it('parses bytes exactly as it parses their UTF-8 text (property)', () => {
    // The byte path scans a latin1 view and decodes only non-ASCII pieces: it must agree.
    const unit = fc.constantFrom('type', '@=', '@', '/', 'A', 'S', 'chatmsg', '中', '😊', 'é', 'x');
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit }), fc.string({ unit: 'grapheme' })), (text) => {
        expect(parseMessage(Buffer.from(text))).toEqual(parseMessage(text));
      }),
      { numRuns: 1000 },
    );
  });

  it('decodes arbitrary bytes, even invalid UTF-8, exactly as a whole-body decode would', () => {
    const utf8ish = fc.array(
      fc.oneof(
        fc.constantFrom(0x2f, 0x40, 0x3d, 0x41, 0x53, 0x61),
        fc.integer({ min: 0x80, max: 0xff }),
        fc.constantFrom(0xe4, 0xb8, 0xad, 0xed, 0xa0, 0xbd, 0xf0, 0x9f, 0x98, 0x8a, 0xc2, 0xc0),
      ),
      { maxLength: 80 },
    );
    fc.assert(
      fc.property(utf8ish, (values) => {
        const bytes = Buffer.from([...Buffer.from('type@=x/v@='), ...values]);
        expect(parseMessage(bytes)).toEqual(parseMessage(bytes.toString('utf8')));
      }),
      { numRuns: 2000 },
    );
  });

  it('parses a body with a value larger than 64 KiB the same from bytes and text', () => {
    const body = `type@=ranklist/list@=${'uid@AA=1@ASnn@AA=中@AS@S'.repeat(8_000)}/rid@=1/`;
    const fromBytes = parseMessage(Buffer.from(body));
    expect(fromBytes).toEqual(parseMessage(body));
    expect(fromBytes.fields.list).toBe('uid@A=1@Snn@A=中@S/'.repeat(8_000));
    expect(fromBytes.fields.rid).toBe('1');
  });

  it('never throws on arbitrary text or bytes (property)', () => {
    const stt = fc.string({
      unit: fc.constantFrom('type', '@=', '@', '/', 'A', 'S', 'chatmsg', '中'),
    });
    fc.assert(
      fc.property(fc.oneof(stt, fc.string({ unit: 'binary' })), (text) => {
        expect(() => parseMessage(text)).not.toThrow();
        const firstType = parseSttPairs(text).find(([key]) => key === 'type')?.[1];
        expect(peekType(text)).toBe(firstType);
        expect(peekType(Buffer.from(text))).toBe(firstType && Buffer.from(firstType).toString());
      }),
    );
    fc.assert(
      fc.property(fc.uint8Array(), (bytes) => {
        expect(() => parseMessage(bytes)).not.toThrow();
      }),
    );
  });
});

describe('peekType', () => {
  it.each(samples.map((s) => [s.line, s.body] as const))(
    'line %i: peekType agrees with a full parse, on text and on bytes',
    (_line, body) => {
      const expected = parseStt(body).type;
      expect(peekType(body)).toBe(expected);
      expect(peekType(Buffer.from(body))).toBe(expected);
      expect(peekType(new Uint8Array(Buffer.from(body)))).toBe(expected);
    },
  );

  it('reads the top-level type only, not btype or a nested type', () => {
    expect(peekType('btype@=voiceDanmu/chatmsg@=type@A=chatmsg@S/type@=comm_chatmsg/')).toBe(
      'comm_chatmsg',
    );
    expect(peekType('btype@=x/')).toBeUndefined();
    expect(peekType('')).toBeUndefined();
    expect(peekType(Buffer.from('type@=a@Sb'))).toBe('a/b');
    expect(peekType(Buffer.from('rid@=1/type@=中文/'))).toBe('中文');
  });

  it('reads a body straight out of a frame without copying it', () => {
    const frame = encodeFrame('rid@=1/type@=chatmsg/', 690);
    expect(peekType(frame.subarray(12, -1))).toBe('chatmsg');
  });
});
