import type { Column } from './columns.js';
import type {
  ChatRow,
  ContentKeyed,
  EntryRow,
  ErrorRow,
  EventRow,
  GiftRow,
  SourceCoordinate,
} from './rows.js';
import type { SessionRow } from './session-events.js';

const json = (fields: Record<string, string>): string => JSON.stringify(fields);

function sourceColumns<Row extends SourceCoordinate>(): Column<Row>[] {
  return [
    { name: 'received_at', kind: 'ms', value: (r) => r.receivedAtMs },
    { name: 'room_id', kind: 'int4', value: (r) => r.roomId },
    { name: 'source_partition', kind: 'int4', value: (r) => r.sourcePartition },
    { name: 'source_offset', kind: 'int8', value: (r) => r.sourceOffset },
  ];
}

/** The merge key of gifts, user_entries and room_events (chat merges by cid). */
const contentHashColumn = <Row extends ContentKeyed>(): Column<Row> => ({
  name: 'content_hash',
  kind: 'int8',
  value: (r) => r.contentHash,
});

const sessionKeyColumn = <Row extends ContentKeyed>(): Column<Row> => ({
  name: 'session_key',
  kind: 'int8',
  value: (r) => r.sessionKey,
});

export const chatColumns: Column<ChatRow>[] = [
  ...sourceColumns<ChatRow>(),
  { name: 'cid', kind: 'text', value: (r) => r.cid },
  { name: 'uid', kind: 'int8', value: (r) => r.uid },
  { name: 'nickname', kind: 'text', value: (r) => r.nickname },
  { name: 'text', kind: 'text', value: (r) => r.text },
  { name: 'level', kind: 'int4', value: (r) => r.level },
  { name: 'badge_name', kind: 'text', value: (r) => r.badgeName },
  { name: 'badge_level', kind: 'int4', value: (r) => r.badgeLevel },
  { name: 'badge_room_id', kind: 'int4', value: (r) => r.badgeRoomId },
  { name: 'noble_level', kind: 'int4', value: (r) => r.nobleLevel },
  { name: 'colour', kind: 'int4', value: (r) => r.colour },
  { name: 'client_type', kind: 'int4', value: (r) => r.clientType },
  { name: 'sent_at', kind: 'ms', value: (r) => r.sentAtMs },
  { name: 'is_robot', kind: 'bool', value: (r) => r.isRobot },
  { name: 'is_cross_room', kind: 'bool', value: (r) => r.isCrossRoom },
  { name: 'fields', kind: 'jsonb', value: (r) => json(r.fields) },
];

export const giftColumns: Column<GiftRow>[] = [
  ...sourceColumns<GiftRow>(),
  contentHashColumn<GiftRow>(),
  sessionKeyColumn<GiftRow>(),
  { name: 'uid', kind: 'int8', value: (r) => r.uid },
  { name: 'nickname', kind: 'text', value: (r) => r.nickname },
  { name: 'level', kind: 'int4', value: (r) => r.level },
  { name: 'gift_id', kind: 'int4', value: (r) => r.giftId },
  { name: 'gift_count', kind: 'int4', value: (r) => r.giftCount },
  { name: 'combo_hits', kind: 'int4', value: (r) => r.comboHits },
  { name: 'badge_name', kind: 'text', value: (r) => r.badgeName },
  { name: 'badge_level', kind: 'int4', value: (r) => r.badgeLevel },
  { name: 'badge_room_id', kind: 'int4', value: (r) => r.badgeRoomId },
  { name: 'is_cross_room', kind: 'bool', value: (r) => r.isCrossRoom },
  { name: 'fields', kind: 'jsonb', value: (r) => json(r.fields) },
];

export const entryColumns: Column<EntryRow>[] = [
  ...sourceColumns<EntryRow>(),
  contentHashColumn<EntryRow>(),
  sessionKeyColumn<EntryRow>(),
  { name: 'uid', kind: 'int8', value: (r) => r.uid },
  { name: 'nickname', kind: 'text', value: (r) => r.nickname },
  { name: 'level', kind: 'int4', value: (r) => r.level },
  { name: 'noble_level', kind: 'int4', value: (r) => r.nobleLevel },
  { name: 'is_cross_room', kind: 'bool', value: (r) => r.isCrossRoom },
  { name: 'fields', kind: 'jsonb', value: (r) => json(r.fields) },
];

export const eventColumns: Column<EventRow>[] = [
  ...sourceColumns<EventRow>(),
  contentHashColumn<EventRow>(),
  sessionKeyColumn<EventRow>(),
  { name: 'type', kind: 'text', value: (r) => r.type },
  { name: 'is_cross_room', kind: 'bool', value: (r) => r.isCrossRoom },
  { name: 'fields', kind: 'jsonb', value: (r) => json(r.fields) },
  { name: 'body', kind: 'text', value: (r) => r.body },
];

export const sessionColumns: Column<SessionRow>[] = [
  { name: 'session_id', kind: 'text', value: (r) => r.sessionId },
  { name: 'room_id', kind: 'int4', value: (r) => r.roomId },
  { name: 'collector', kind: 'text', value: (r) => r.collector },
  { name: 'transport', kind: 'text', value: (r) => r.transport },
  { name: 'endpoint', kind: 'text', value: (r) => r.endpoint },
  { name: 'connecting_at', kind: 'ms', value: (r) => r.connectingAtMs },
  { name: 'connected_at', kind: 'ms', value: (r) => r.connectedAtMs },
  { name: 'logged_in_at', kind: 'ms', value: (r) => r.loggedInAtMs },
  { name: 'closed_at', kind: 'ms', value: (r) => r.closedAtMs },
  { name: 'close_reason', kind: 'text', value: (r) => r.closeReason },
  { name: 'messages', kind: 'int8', value: (r) => r.messages },
];

// PostgreSQL text and jsonb cannot hold U+0000; error rows carry arbitrary bytes in their details.
const clean = (s: string): string => s.replaceAll('\u0000', '\uFFFD');

export const errorColumns: Column<ErrorRow>[] = [
  { name: 'topic', kind: 'text', value: (e) => clean(e.entry.position.topic) },
  { name: 'partition', kind: 'int4', value: (e) => e.entry.position.partition },
  { name: 'offset', kind: 'int8', value: (e) => e.entry.position.offset },
  { name: 'received_at', kind: 'ms', value: (e) => plausibleMs(e.entry.position.timestampMs) },
  { name: 'raw_key', kind: 'hex', value: (e) => e.wire.key?.toString('hex') ?? null },
  { name: 'raw_value', kind: 'hex', value: (e) => e.wire.value?.toString('hex') ?? null },
  { name: 'headers', kind: 'jsonb', value: (e) => JSON.stringify(cleanHeaders(e.wire.headers)) },
  { name: 'reason', kind: 'text', value: (e) => e.reason },
  { name: 'detail', kind: 'text', value: (e) => (e.detail === null ? null : clean(e.detail)) },
];

function cleanHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[clean(name)] = clean(value);
  return out;
}

function plausibleMs(ms: number): number | null {
  return Number.isSafeInteger(ms) && ms > 0 && ms < Date.UTC(3000, 0, 1) ? ms : null;
}
