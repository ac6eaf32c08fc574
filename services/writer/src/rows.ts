import type { IngestRecord } from './records';

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

/** One lifecycle event of a collect session (douyu.sessions.v1 value). */
export interface SessionEvent {
  session: string;
  room: number;
  collector: string;
  transport: 'ws' | 'tcp';
  endpoint: string;
  event: 'connecting' | 'connected' | 'logged_in' | 'closed';
  at: number;
  reason: string | null;
  messages: number;
}

/** Closed set (a metric label): why a record became an ingest_errors row. */
export type IngestErrorReason =
  | 'invalid_key'
  | 'invalid_timestamp'
  | 'empty_value'
  | 'invalid_utf8'
  | 'nul_character'
  | 'missing_type'
  | 'invalid_session_event'
  | 'unknown_topic'
  | 'database_rejected';

export interface ErrorRow {
  record: IngestRecord;
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
