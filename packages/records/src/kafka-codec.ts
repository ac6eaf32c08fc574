import { isRoomId, type RawRecord } from './raw-record.js';
import { parseSessionEvent, type SessionEvent } from './session-event.js';
import type { RecordPosition, SourceEntry, WireRecord } from './source-entry.js';

/** The two topics of the contract. */
export interface KafkaTopics {
  raw: string;
  sessions: string;
}

/** A message to produce; structurally a kafkajs `Message`. */
export interface KafkaOutgoingMessage {
  key: string;
  value: Buffer | string;
  timestamp?: string;
  headers?: Record<string, string>;
}

export type KafkaHeaderValue = Buffer | string | (Buffer | string)[] | undefined;

/** A fetched message; a kafkajs `KafkaMessage` fits this shape. */
export interface KafkaIncomingMessage {
  key?: Buffer | null;
  value: Buffer | null;
  timestamp: string;
  offset: string;
  headers?: Record<string, KafkaHeaderValue>;
}

/** A raw record on Kafka: key = room id, value = body as received, timestamp = receive time. */
export function rawRecordToKafkaMessage(record: RawRecord): {
  key: string;
  value: Buffer;
  timestamp: string;
  headers: Record<string, string>;
} {
  return {
    key: String(record.room),
    value: record.body,
    timestamp: String(record.receivedAtMs),
    headers: {
      type: record.type,
      session: record.session,
      collector: record.collector,
      seq: String(record.seq),
    },
  };
}

/** A session event on Kafka: key = room id, value = the event as JSON. */
export function sessionEventToKafkaMessage(event: SessionEvent): { key: string; value: string } {
  return { key: String(event.room), value: JSON.stringify(event) };
}

const EMPTY_BODY = Buffer.alloc(0);

/** A fetched message as a typed entry, or as its bytes with the reason it breaks the contract. */
export function decodeKafkaMessage(
  topics: KafkaTopics,
  topic: string,
  partition: number,
  message: KafkaIncomingMessage,
): SourceEntry {
  const position: RecordPosition = {
    topic,
    partition,
    offset: message.offset,
    timestampMs: Number(message.timestamp),
  };
  const wire: WireRecord = {
    key: message.key ?? null,
    value: message.value ?? null,
    headers: headersToStrings(message.headers),
  };
  if (topic === topics.raw) return decodeRaw(position, wire);
  if (topic === topics.sessions) return decodeSession(position, wire);
  return { kind: 'undecodable', position, wire, reason: 'unknown_topic', detail: topic };
}

function decodeRaw(position: RecordPosition, wire: WireRecord): SourceEntry {
  const room = parseRoomKey(wire.key);
  if (room === undefined) return invalidKeyEntry(position, wire);
  const { headers } = wire;
  const seq = Number(headers['seq']);
  const record: RawRecord = {
    room,
    body: wire.value ?? EMPTY_BODY,
    receivedAtMs: position.timestampMs,
    type: headers['type'] ?? '',
    session: headers['session'] ?? '',
    collector: headers['collector'] ?? '',
    seq: Number.isSafeInteger(seq) ? seq : 0,
  };
  return { kind: 'raw', position, record, wire };
}

function decodeSession(position: RecordPosition, wire: WireRecord): SourceEntry {
  let value: unknown;
  try {
    value = JSON.parse(wire.value?.toString('utf8') ?? '');
  } catch {
    return {
      kind: 'undecodable',
      position,
      wire,
      reason: 'invalid_session_event',
      detail: 'not JSON',
    };
  }
  const parsed = parseSessionEvent(value);
  if (!parsed.ok) {
    return {
      kind: 'undecodable',
      position,
      wire,
      reason: 'invalid_session_event',
      detail: parsed.detail,
    };
  }
  return { kind: 'session', position, event: parsed.event, wire };
}

/** A record key as a room id: 1 to 10 decimal digits, nothing else, within isRoomId. */
export function parseRoomKey(key: Buffer | null): number | undefined {
  if (key === null || key.length === 0 || key.length > 10) return undefined;
  let n = 0;
  for (const byte of key) {
    if (byte < 0x30 || byte > 0x39) return undefined;
    n = n * 10 + (byte - 0x30);
  }
  return isRoomId(n) ? n : undefined;
}

/** The ingest_errors detail for a key that is no room id. */
/** A raw record whose key is no room id: it goes to ingest_errors with the bytes it came with. */
export function invalidKeyEntry(position: RecordPosition, wire: WireRecord): SourceEntry {
  return {
    kind: 'undecodable',
    position,
    wire,
    reason: 'invalid_key',
    detail: describeKey(wire.key),
  };
}

export function describeKey(key: Buffer | null): string {
  if (key === null) return 'no key';
  return `key ${JSON.stringify(key.subarray(0, 32).toString('latin1'))}`;
}

/** The Kafka bytes of an entry: as fetched, or as the Kafka sink would have produced them. */
export function entryWire(entry: SourceEntry): WireRecord {
  if (entry.kind === 'undecodable') return entry.wire;
  if (entry.wire !== undefined) return entry.wire;
  return entry.kind === 'raw' ? rawRecordWire(entry.record) : sessionEventWire(entry.event);
}

export function rawRecordWire(record: RawRecord): WireRecord {
  const message = rawRecordToKafkaMessage(record);
  return { key: Buffer.from(message.key), value: message.value, headers: message.headers };
}

export function sessionEventWire(event: SessionEvent): WireRecord {
  const message = sessionEventToKafkaMessage(event);
  return { key: Buffer.from(message.key), value: Buffer.from(message.value), headers: {} };
}

function headersToStrings(
  headers: Record<string, KafkaHeaderValue> | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers === undefined) return out;
  for (const [name, value] of Object.entries(headers)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[name] = first.toString();
  }
  return out;
}
