import { entryWire } from '@danmaku/records';
import type { DecodeFailureReason, SessionEvent, SourceEntry, WireRecord } from '@danmaku/records';
import type { UnparsedCounts } from './unparsed-values.js';

/** Where a row came from; (sourcePartition, sourceOffset, receivedAt) is unique per table. */
export interface SourceCoordinate {
  receivedAtMs: number;
  /** The subscribed room (the record key), not the message's own rid. */
  roomId: number;
  sourcePartition: number;
  sourceOffset: string;
}

// Douyu columns are null when the field was absent, or (numbers) garbled or too big for the
// column; `fields` keeps the text either way. cid is '' when absent: it is the dedupe key.
export interface ChatRow extends SourceCoordinate {
  cid: string;
  uid: number | null;
  nickname: string | null;
  text: string | null;
  level: number | null;
  badgeName: string | null;
  badgeLevel: number | null;
  badgeRoomId: number | null;
  nobleLevel: number | null;
  colour: number | null;
  clientType: number | null;
  sentAtMs: number | null;
  isRobot: boolean;
  isCrossRoom: boolean;
  fields: Record<string, string>;
}

/** A row merged by content: the 64-bit hash of its body as received (see content-hash.ts). */
export interface ContentKeyed extends SourceCoordinate {
  /** Signed int8, decimal; null for a reply to one session (isSessionReply), never merged. */
  contentHash: string | null;
  /** The receiving connection (hash of the collector's session id, signed int8, decimal). */
  sessionKey: string;
}

export interface GiftRow extends ContentKeyed {
  uid: number | null;
  nickname: string | null;
  level: number | null;
  giftId: number | null;
  giftCount: number | null;
  comboHits: number | null;
  badgeName: string | null;
  badgeLevel: number | null;
  badgeRoomId: number | null;
  isCrossRoom: boolean;
  fields: Record<string, string>;
}

export interface EntryRow extends ContentKeyed {
  uid: number | null;
  nickname: string | null;
  level: number | null;
  nobleLevel: number | null;
  isCrossRoom: boolean;
  fields: Record<string, string>;
}

export interface EventRow extends ContentKeyed {
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
  /** Values present in a body but stored NULL (not a number, or too big), by table.column. */
  unparsed: UnparsedCounts;
}

export function emptyBatch(): NormalisedBatch {
  return {
    chat: [],
    gifts: [],
    entries: [],
    events: [],
    sessions: [],
    errors: [],
    unparsed: new Map(),
  };
}

export function errorRow(
  entry: SourceEntry,
  reason: IngestErrorReason,
  detail: string | null = null,
): ErrorRow {
  return { entry, wire: entryWire(entry), reason, detail };
}
