import { hasWireField } from '@danmaku/protocol';
import type {
  ChatMessage,
  GiftMessage,
  MessageProperty,
  UserEnterMessage,
} from '@danmaku/protocol';
import type { ChatRow, ContentKeyed, EntryRow, GiftRow, SourceCoordinate } from './rows.js';
import type { NumberColumn, UnparsedCounts } from './unparsed-values.js';

const INT4_MAX = 2_147_483_647;
const INT4_MIN = -INT4_MAX - 1;
// PostgreSQL timestamptz accepts far more; a `cst` outside this is a garbled number, kept in fields.
const MAX_SENT_MS = Date.UTC(2200, 0, 1);

type TypedMessage = ChatMessage | GiftMessage | UserEnterMessage;

/** An int4 column's value: null unless the number is known and fits. */
const int4 = (n: number | null): number | null =>
  n !== null && n >= INT4_MIN && n <= INT4_MAX ? n : null;

const sentAt = (ms: number | null): number | null => (ms !== null && ms < MAX_SENT_MS ? ms : null);

/**
 * Called only when a column came out NULL: counts it when the body had the field (so it was
 * garbled or too big, not absent). Returns the NULL to store.
 */
function unparsed<M extends TypedMessage>(
  counts: UnparsedCounts,
  message: M,
  property: MessageProperty<M['type']>,
  column: NumberColumn,
): null {
  if (hasWireField(message, property)) counts.set(column, (counts.get(column) ?? 0) + 1);
  return null;
}

// Explicit copies below: an object spread followed by more properties is ~100x slower in V8.

export function chatRow(
  m: ChatMessage,
  s: SourceCoordinate,
  isCrossRoom: boolean,
  counts: UnparsedCounts,
): ChatRow {
  const c = counts;
  return {
    receivedAtMs: s.receivedAtMs,
    roomId: s.roomId,
    sourcePartition: s.sourcePartition,
    sourceOffset: s.sourceOffset,
    // The dedupe key: '' (never deduplicated) when absent, so the column can stay NOT NULL.
    cid: m.cid ?? '',
    uid: m.uid ?? unparsed(c, m, 'uid', 'chat_messages.uid'),
    nickname: m.nickname,
    text: m.text,
    level: int4(m.level) ?? unparsed(c, m, 'level', 'chat_messages.level'),
    badgeName: m.badgeName,
    badgeLevel: int4(m.badgeLevel) ?? unparsed(c, m, 'badgeLevel', 'chat_messages.badge_level'),
    badgeRoomId:
      int4(m.badgeRoomId) ?? unparsed(c, m, 'badgeRoomId', 'chat_messages.badge_room_id'),
    nobleLevel: int4(m.nobleLevel) ?? unparsed(c, m, 'nobleLevel', 'chat_messages.noble_level'),
    colour: int4(m.colour) ?? unparsed(c, m, 'colour', 'chat_messages.colour'),
    clientType: int4(m.clientType) ?? unparsed(c, m, 'clientType', 'chat_messages.client_type'),
    sentAtMs: sentAt(m.sentAtMs) ?? unparsed(c, m, 'sentAtMs', 'chat_messages.sent_at'),
    isRobot: m.isRobot,
    isCrossRoom,
    fields: m.fields,
  };
}

export function giftRow(
  m: GiftMessage,
  s: ContentKeyed,
  isCrossRoom: boolean,
  counts: UnparsedCounts,
): GiftRow {
  const c = counts;
  return {
    receivedAtMs: s.receivedAtMs,
    roomId: s.roomId,
    sourcePartition: s.sourcePartition,
    sourceOffset: s.sourceOffset,
    contentHash: s.contentHash,
    sessionKey: s.sessionKey,
    uid: m.uid ?? unparsed(c, m, 'uid', 'gifts.uid'),
    nickname: m.nickname,
    level: int4(m.level) ?? unparsed(c, m, 'level', 'gifts.level'),
    giftId: int4(m.giftId) ?? unparsed(c, m, 'giftId', 'gifts.gift_id'),
    giftCount: int4(m.count) ?? unparsed(c, m, 'count', 'gifts.gift_count'),
    comboHits: int4(m.comboHits) ?? unparsed(c, m, 'comboHits', 'gifts.combo_hits'),
    badgeName: m.badgeName,
    badgeLevel: int4(m.badgeLevel) ?? unparsed(c, m, 'badgeLevel', 'gifts.badge_level'),
    badgeRoomId: int4(m.badgeRoomId) ?? unparsed(c, m, 'badgeRoomId', 'gifts.badge_room_id'),
    isCrossRoom,
    fields: m.fields,
  };
}

export function entryRow(
  m: UserEnterMessage,
  s: ContentKeyed,
  isCrossRoom: boolean,
  counts: UnparsedCounts,
): EntryRow {
  const c = counts;
  return {
    receivedAtMs: s.receivedAtMs,
    roomId: s.roomId,
    sourcePartition: s.sourcePartition,
    sourceOffset: s.sourceOffset,
    contentHash: s.contentHash,
    sessionKey: s.sessionKey,
    uid: m.uid ?? unparsed(c, m, 'uid', 'user_entries.uid'),
    nickname: m.nickname,
    level: int4(m.level) ?? unparsed(c, m, 'level', 'user_entries.level'),
    nobleLevel: int4(m.nobleLevel) ?? unparsed(c, m, 'nobleLevel', 'user_entries.noble_level'),
    isCrossRoom,
    fields: m.fields,
  };
}
