import { entryWire } from '@danmaku/records';
import type { DecodeFailureReason, SessionEvent, SourceEntry, WireRecord } from '@danmaku/records';

/** Where a row came from; (sourcePartition, sourceOffset, receivedAt) is unique per table. */
export interface SourceCoordinate {
  receivedAtMs: number;
  /** The subscribed room (the record key), not the message's own rid. */
  roomId: number;
  sourcePartition: number;
  sourceOffset: string;
}

export interface ChatRow extends SourceCoordinate {
  cid: string;
  uid: number;
  nickname: string;
  text: string;
  level: number;
  badgeName: string;
  badgeLevel: number;
  badgeRoomId: number;
  nobleLevel: number;
  colour: number;
  clientType: number;
  sentAtMs: number | null;
  isRobot: boolean;
  isCrossRoom: boolean;
  fields: Record<string, string>;
}

export interface GiftRow extends SourceCoordinate {
  uid: number;
  nickname: string;
  level: number;
  giftId: number;
  giftCount: number;
  comboHits: number;
  badgeName: string;
  badgeLevel: number;
  badgeRoomId: number;
  isCrossRoom: boolean;
  fields: Record<string, string>;
}

export interface EntryRow extends SourceCoordinate {
  uid: number;
  nickname: string;
  level: number;
  nobleLevel: number;
  isCrossRoom: boolean;
  fields: Record<string, string>;
}

export interface EventRow extends SourceCoordinate {
  type: string;
  isCrossRoom: boolean;
  fields: Record<string, string>;
  /** The body as received, only when `fields` cannot reproduce it (duplicate keys, odd syntax). */
  body: string | null;
}

/** Closed set (a metric label): why a record became an ingest_errors row. */
export type IngestErrorReason =
  | DecodeFailureReason
  | 'invalid_timestamp'
  | 'empty_value'
  | 'invalid_utf8'
  | 'nul_character'
  | 'missing_type'
  | 'database_rejected';

/** A record stored as it came: its entry (position) and its Kafka bytes, and why it was refused. */
export interface ErrorRow {
  entry: SourceEntry;
  wire: WireRecord;
  reason: IngestErrorReason;
  detail: string | null;
}

export interface NormalisedBatch {
  chat: ChatRow[];
  gifts: GiftRow[];
  entries: EntryRow[];
  events: EventRow[];
  sessions: SessionEvent[];
  errors: ErrorRow[];
}

export function emptyBatch(): NormalisedBatch {
  return { chat: [], gifts: [], entries: [], events: [], sessions: [], errors: [] };
}

export function errorRow(
  entry: SourceEntry,
  reason: IngestErrorReason,
  detail: string | null = null,
): ErrorRow {
  return { entry, wire: entryWire(entry), reason, detail };
}
