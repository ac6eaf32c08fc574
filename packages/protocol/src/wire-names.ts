import type { DouyuMessage, UnknownMessage } from './message-types.js';

type KnownMessage = Exclude<DouyuMessage, UnknownMessage>;
/** The typed properties of one known message type (those read from a wire field). */
export type MessageProperty<T extends KnownMessage['type']> = Exclude<
  keyof (KnownMessage & { type: T }),
  'type' | 'fields'
>;

/**
 * The wire field each typed property is read from, for every known type (the compiler wants
 * every property). Lets a consumer ask whether a null property was absent or garbled without
 * knowing Douyu's names.
 */
export const wireNames = {
  chatmsg: {
    cid: 'cid',
    roomId: 'rid',
    uid: 'uid',
    nickname: 'nn',
    text: 'txt',
    level: 'level',
    colour: 'col',
    clientType: 'ct',
    badgeName: 'bnn',
    badgeLevel: 'bl',
    badgeRoomId: 'brid',
    nobleLevel: 'nl',
    sentAtMs: 'cst',
    isRobot: 'dms',
  },
  dgb: {
    roomId: 'rid',
    giftId: 'gfid',
    count: 'gfcnt',
    comboHits: 'hits',
    uid: 'uid',
    nickname: 'nn',
    level: 'level',
    badgeName: 'bnn',
    badgeLevel: 'bl',
    badgeRoomId: 'brid',
  },
  uenter: { roomId: 'rid', uid: 'uid', nickname: 'nn', level: 'level', nobleLevel: 'nl' },
  loginres: {
    userId: 'userid',
    roomGroup: 'roomgroup',
    liveStatus: 'live_stat',
    sessionId: 'sessionid',
  },
  mrkl: {},
  pingreq: { tickMs: 'tick' },
  error: { code: 'code' },
} as const satisfies { [T in KnownMessage['type']]: Record<MessageProperty<T>, string> };

/**
 * Whether the body carried the wire field behind `property`: a null property with its field
 * present was garbled (not a number, too long), not absent. Looked up only when asked.
 */
export function hasWireField<M extends KnownMessage>(
  message: M,
  property: MessageProperty<M['type']>,
): boolean {
  const names = wireNames[message.type] as Readonly<Record<string, string>>;
  const wire = names[property as string];
  return wire !== undefined && message.fields[wire] !== undefined;
}
