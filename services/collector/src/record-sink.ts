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

export type SessionEventKind = 'connecting' | 'connected' | 'logged_in' | 'closed';

/** One lifecycle event of a collect session: the JSON value on `douyu.sessions.v1`. */
export interface SessionEvent {
  session: string;
  room: number;
  collector: string;
  transport: 'ws' | 'tcp';
  endpoint: string;
  event: SessionEventKind;
  at: number;
  reason: string | null;
  /** Records of this session handed to the sink so far. */
  messages: number;
}

export type BackpressureState = 'full' | 'drain';

/**
 * Where the collector puts what it receives: Kafka in the service, an in-process queue in the
 * embedded mode. `send` must not block; a sink that fills up reports it through
 * `onBackpressure`, and the collector stops reading its sockets until `drain`.
 * A returned promise that rejects counts as a dropped record (logged and counted).
 */
export interface RecordSink {
  send(record: RawRecord): void | Promise<void>;
  sendSession(event: SessionEvent): void | Promise<void>;
  /** Optional backpressure signal; returns an unsubscribe function. */
  onBackpressure?(listener: (state: BackpressureState) => void): () => void;
  /** True while the sink wants reading paused. */
  readonly isFull?: boolean;
  /** Delivers everything accepted so far (bounded by the caller). */
  flush?(): Promise<void>;
  close(): Promise<void>;
}

/** Kafka wire shape of a raw record: the contract the writer decodes. */
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

export function sessionEventToKafkaMessage(event: SessionEvent): { key: string; value: string } {
  return { key: String(event.room), value: JSON.stringify(event) };
}
