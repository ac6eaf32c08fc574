import type { RawRecord } from './raw-record.js';
import type { SessionEvent } from './session-event.js';

/** Where an entry sits in its source: the coordinate stored with its rows and offsets. */
export interface RecordPosition {
  topic: string;
  /** Kafka partition; QUEUE_PARTITION for the embedded channel. */
  partition: number;
  /** Decimal offset (Kafka offsets are int64). */
  offset: string;
  /** The Kafka message timestamp: a record's receive time, a session event's time. */
  timestampMs: number;
}

/** A record in Kafka bytes: what an ingest_errors row keeps of it. */
export interface WireRecord {
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

/** Why a source could not turn a record into a RawRecord or a SessionEvent. */
export type DecodeFailureReason = 'invalid_key' | 'invalid_session_event' | 'unknown_topic';

export interface RawEntry {
  kind: 'raw';
  position: RecordPosition;
  record: RawRecord;
  /** The bytes as fetched from Kafka, so an error row stores exactly those. */
  wire?: WireRecord;
}

export interface SessionEntry {
  kind: 'session';
  position: RecordPosition;
  event: SessionEvent;
  /** The bytes as fetched from Kafka, so an error row stores exactly those. */
  wire?: WireRecord;
}

/** A record that breaks the contract: kept as bytes, to be stored as an ingest_errors row. */
export interface UndecodableEntry {
  kind: 'undecodable';
  position: RecordPosition;
  wire: WireRecord;
  reason: DecodeFailureReason;
  detail: string | null;
}

/** One record as a source hands it to the writer: typed, or the bytes that failed to decode. */
export type SourceEntry = RawEntry | SessionEntry | UndecodableEntry;
