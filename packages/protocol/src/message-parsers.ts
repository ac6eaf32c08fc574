import type { DouyuMessage, UnknownMessage } from './message-types.js';
import { parseClientTimeMs, parseInteger as int } from './parse-integer.js';

type KnownMessage = Exclude<DouyuMessage, UnknownMessage>;
type Parsers = {
  [T in KnownMessage['type']]: (f: Record<string, string>) => KnownMessage & { type: T };
};

const str = (value: string | undefined): string | null => value ?? null;

/**
 * Wire names → plain English (the same pairs as `wireNames`; a test keeps them in step). The
 * compiler rejects a known type without a parser. Absent or garbled → null, never 0 or ''.
 */
export const messageParsers = {
  chatmsg: (f) => ({
    type: 'chatmsg',
    cid: str(f.cid),
    roomId: int(f.rid),
    uid: int(f.uid),
    nickname: str(f.nn),
    text: str(f.txt),
    level: int(f.level),
    colour: int(f.col),
    clientType: int(f.ct),
    badgeName: str(f.bnn),
    badgeLevel: int(f.bl),
    badgeRoomId: int(f.brid),
    nobleLevel: int(f.nl),
    sentAtMs: parseClientTimeMs(f.cst),
    isRobot: f.dms === undefined,
    fields: f,
  }),
  dgb: (f) => ({
    type: 'dgb',
    roomId: int(f.rid),
    giftId: int(f.gfid),
    // Older dgb bodies carry no gfcnt: such a message is one gift, not zero and not unknown.
    count: f.gfcnt === undefined ? 1 : int(f.gfcnt),
    comboHits: int(f.hits),
    uid: int(f.uid),
    nickname: str(f.nn),
    level: int(f.level),
    badgeName: str(f.bnn),
    badgeLevel: int(f.bl),
    badgeRoomId: int(f.brid),
    fields: f,
  }),
  uenter: (f) => ({
    type: 'uenter',
    roomId: int(f.rid),
    uid: int(f.uid),
    nickname: str(f.nn),
    level: int(f.level),
    nobleLevel: int(f.nl),
    fields: f,
  }),
  loginres: (f) => {
    delete f.ip;
    return {
      type: 'loginres',
      userId: int(f.userid),
      roomGroup: int(f.roomgroup),
      liveStatus: int(f.live_stat),
      sessionId: str(f.sessionid),
      fields: f,
    };
  },
  mrkl: (f) => ({ type: 'mrkl', fields: f }),
  pingreq: (f) => ({ type: 'pingreq', tickMs: int(f.tick), fields: f }),
  error: (f) => ({ type: 'error', code: int(f.code), fields: f }),
} satisfies Parsers;
