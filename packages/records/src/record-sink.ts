import type { RawRecord } from './raw-record.js';
import type { SessionEvent } from './session-event.js';

export type BackpressureState = 'full' | 'drain';

/**
 * Where the collector puts what it receives: Kafka in the service, the in-process RecordChannel
 * in the embedded mode. `send` must not block; a sink that fills up reports it through
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
