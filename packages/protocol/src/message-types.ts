// The typed messages on their own, so the parsers and parseMessage can both import them.
interface Base {
  /** Every wire field (last duplicate wins), once-unescaped, for lossless storage. */
  fields: Record<string, string>;
}

export interface ChatMessage extends Base {
  type: 'chatmsg';
  cid: string;
  roomId: number;
  uid: number;
  nickname: string;
  text: string;
  level: number;
  colour: number;
  clientType: number;
  badgeName: string;
  badgeLevel: number;
  badgeRoomId: number;
  nobleLevel: number;
  /** `cst`, normalised to milliseconds (some clients send seconds); undefined when absent. */
  sentAtMs: number | undefined;
  /** Genuine client messages carry `dms`; injected "robot" lines do not. */
  isRobot: boolean;
}

export interface GiftMessage extends Base {
  type: 'dgb';
  roomId: number;
  giftId: number;
  count: number;
  /** Running combo counter: never sum it, sum `count`. */
  comboHits: number;
  uid: number;
  nickname: string;
  level: number;
  badgeName: string;
  badgeLevel: number;
  badgeRoomId: number;
}

export interface UserEnterMessage extends Base {
  type: 'uenter';
  roomId: number;
  uid: number;
  nickname: string;
  level: number;
  nobleLevel: number;
}

/** The client's public IP (`ip`) is removed from `fields` too. */
export interface LoginResponse extends Base {
  type: 'loginres';
  userId: number;
  roomGroup: number;
  liveStatus: number;
  sessionId: string;
}

export interface HeartbeatEcho extends Base {
  type: 'mrkl';
}

export interface PingRequest extends Base {
  type: 'pingreq';
  tickMs: number;
}

export interface ErrorMessage extends Base {
  type: 'error';
  code: number;
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
