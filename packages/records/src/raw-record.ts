/** One body exactly as received from a room, plus where and when it came from. */
export interface RawRecord {
  room: number;
  /** Body bytes as received (frame header and trailing NUL excluded); owned by the record. */
  body: Buffer;
  receivedAtMs: number;
  /** peekType(body), '' when the body has no top-level type. */
  type: string;
  /** Connection session id (one per socket). */
  session: string;
  collector: string;
  /** Per-session sequence number, from 1. */
  seq: number;
}

/** Room ids are PostgreSQL int4 and positive. */
export const MAX_ROOM_ID = 2_147_483_647;

/** The contract's rule for `room`: an integer from 1 to MAX_ROOM_ID. */
export function isRoomId(room: number): boolean {
  return Number.isInteger(room) && room >= 1 && room <= MAX_ROOM_ID;
}
