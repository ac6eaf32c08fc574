// The typed messages on their own, so the parsers and parseMessage can both import them.
// A property is null when its wire field is absent from the body, or (numbers) when its text is
// not a decimal integer within ±(2^53 − 1); `fields` still holds the text. `hasWireField` tells
// the two apart.
interface Base {
  /** Every wire field (last duplicate wins), once-unescaped, for lossless storage. */
  fields: Record<string, string>;
}

export interface ChatMessage extends Base {
  type: 'chatmsg';
  cid: string | null;
  roomId: number | null;
  uid: number | null;
  nickname: string | null;
  text: string | null;
  level: number | null;
  colour: number | null;
  clientType: number | null;
  badgeName: string | null;
  badgeLevel: number | null;
  badgeRoomId: number | null;
  nobleLevel: number | null;
  /** `cst`, normalised to milliseconds (some clients send seconds); null when absent or not positive. */
  sentAtMs: number | null;
  /** Genuine client messages carry `dms`; injected "robot" lines do not. */
  isRobot: boolean;
}

export interface GiftMessage extends Base {
  type: 'dgb';
  roomId: number | null;
  giftId: number | null;
  /** Gifts in this event; 1 when `gfcnt` is absent (older bodies: one gift), null when garbled. */
  count: number | null;
  /** Running combo counter: never sum it, sum `count`. */
  comboHits: number | null;
  uid: number | null;
  nickname: string | null;
  level: number | null;
  badgeName: string | null;
  badgeLevel: number | null;
  badgeRoomId: number | null;
}

export interface UserEnterMessage extends Base {
  type: 'uenter';
  roomId: number | null;
  uid: number | null;
  nickname: string | null;
  level: number | null;
  nobleLevel: number | null;
}

/** The client's public IP (`ip`) is removed from `fields` too. */
export interface LoginResponse extends Base {
  type: 'loginres';
  userId: number | null;
  roomGroup: number | null;
  liveStatus: number | null;
  sessionId: string | null;
}

export interface HeartbeatEcho extends Base {
  type: 'mrkl';
}

export interface PingRequest extends Base {
  type: 'pingreq';
  tickMs: number | null;
}

export interface ErrorMessage extends Base {
  type: 'error';
  code: number | null;
}

export interface UnknownMessage extends Base {
  type: 'unknown';
  /** Douyu's `type` value, or undefined when the body has no `type` key. */
  rawType: string | undefined;
}

export type DouyuMessage =
  | ChatMessage
  | GiftMessage
  | UserEnterMessage
  | LoginResponse
  | HeartbeatEcho
  | PingRequest
  | ErrorMessage
  | UnknownMessage;
export type DouyuMessageType = DouyuMessage['type'];
