import type { DouyuMessage, UnknownMessage } from './message-types.js';

type KnownMessage = Exclude<DouyuMessage, UnknownMessage>;
type Parsers = {
  [T in KnownMessage['type']]: (f: Record<string, string>) => KnownMessage & { type: T };
};

const str = (value: string | undefined): string => value ?? '';

/** Wire names → plain English. The compiler rejects a known type without a parser. */
export const messageParsers = {
  chatmsg: (f) => ({
    type: 'chatmsg',
    cid: str(f.cid),
    roomId: toInt(f.rid),
    uid: toInt(f.uid),
    nickname: str(f.nn),
    text: str(f.txt),
    level: toInt(f.level),
    colour: toInt(f.col),
    clientType: toInt(f.ct),
    badgeName: str(f.bnn),
    badgeLevel: toInt(f.bl),
    badgeRoomId: toInt(f.brid),
    nobleLevel: toInt(f.nl),
    sentAtMs: toMs(f.cst),
    isRobot: f.dms === undefined,
    fields: f,
  }),
  dgb: (f) => ({
    type: 'dgb',
    roomId: toInt(f.rid),
    giftId: toInt(f.gfid),
    // Older dgb bodies carry no gfcnt: such a message is one gift, not zero.
    count: f.gfcnt === undefined ? 1 : toInt(f.gfcnt),
    comboHits: toInt(f.hits),
    uid: toInt(f.uid),
    nickname: str(f.nn),
    level: toInt(f.level),
    badgeName: str(f.bnn),
    badgeLevel: toInt(f.bl),
    badgeRoomId: toInt(f.brid),
    fields: f,
  }),
  uenter: (f) => ({
    type: 'uenter',
    roomId: toInt(f.rid),
    uid: toInt(f.uid),
    nickname: str(f.nn),
    level: toInt(f.level),
    nobleLevel: toInt(f.nl),
    fields: f,
  }),
  loginres: (f) => {
    delete f.ip;
    return {
      type: 'loginres',
      userId: toInt(f.userid),
      roomGroup: toInt(f.roomgroup),
      liveStatus: toInt(f.live_stat),
      sessionId: str(f.sessionid),
      fields: f,
    };
  },
  mrkl: (f) => ({ type: 'mrkl', fields: f }),
  pingreq: (f) => ({ type: 'pingreq', tickMs: toInt(f.tick), fields: f }),
  error: (f) => ({ type: 'error', code: toInt(f.code), fields: f }),
} satisfies Parsers;

/** Decimal integer or 0: Douyu sends numbers as text, and a garbled one must not become NaN. */
export function toInt(value: string | undefined): number {
  if (value === undefined || value.length === 0 || value.length > 17) return 0;
  let i = value.charCodeAt(0) === 0x2d ? 1 : 0;
  if (i === value.length) return 0;
  let n = 0;
  for (; i < value.length; i++) {
    const digit = value.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return 0;
    n = n * 10 + digit;
  }
  if (!Number.isSafeInteger(n)) return 0;
  return value.charCodeAt(0) === 0x2d ? -n : n;
}

/** `cst` is milliseconds, but seconds in some captures: 10 digits or fewer means seconds. */
function toMs(value: string | undefined): number | undefined {
  const n = toInt(value);
  if (n <= 0) return undefined;
  return value !== undefined && value.length <= 10 ? n * 1000 : n;
}
