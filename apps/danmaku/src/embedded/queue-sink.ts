import {
  rawRecordToKafkaMessage,
  sessionEventToKafkaMessage,
  type BackpressureState,
  type RawRecord,
  type RecordSink,
  type SessionEvent,
} from '@danmaku/collector';
import type { IngestQueue, QueuedRecord } from '@danmaku/writer';

export interface QueueSinkOptions {
  rawTopic: string;
  sessionsTopic: string;
  /** How often a full queue is checked for room again. Default 50 ms. */
  drainPollMs?: number;
}

/**
 * The collector's RecordSink in front of the writer's bounded IngestQueue: the in-process stand-in
 * for the Kafka producer. Records keep the Kafka wire shape (key, value, timestamp, headers). When
 * the queue is full the sink reports `full` (the collector pauses its sockets) and queues what is
 * still arriving in order behind the queue; below half capacity it reports `drain`.
 */
export class QueueSink implements RecordSink {
  readonly #queue: IngestQueue;
  readonly #options: QueueSinkOptions;
  readonly #listeners = new Set<(state: BackpressureState) => void>();
  #tail: Promise<void> = Promise.resolve();
  #waiting = 0;
  #full = false;
  #drainTimer: NodeJS.Timeout | undefined;
  /** Records and session events accepted so far. */
  accepted = 0;

  constructor(queue: IngestQueue, options: QueueSinkOptions) {
    this.#queue = queue;
    this.#options = options;
  }

  get isFull(): boolean {
    return this.#full;
  }

  send(record: RawRecord): void | Promise<void> {
    const message = rawRecordToKafkaMessage(record);
    return this.#put({
      topic: this.#options.rawTopic,
      key: message.key,
      value: message.value,
      timestampMs: record.receivedAtMs,
      headers: message.headers,
    });
  }

  sendSession(event: SessionEvent): void | Promise<void> {
    const message = sessionEventToKafkaMessage(event);
    return this.#put({
      topic: this.#options.sessionsTopic,
      key: message.key,
      value: message.value,
      timestampMs: event.at,
    });
  }

  onBackpressure(listener: (state: BackpressureState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Resolves once every accepted record is in the queue. */
  async flush(): Promise<void> {
    await this.#tail;
  }

  async close(): Promise<void> {
    await this.flush();
    clearInterval(this.#drainTimer);
    this.#drainTimer = undefined;
  }

  #put(record: QueuedRecord): void | Promise<void> {
    this.accepted += 1;
    // Behind waiting records a new one must wait too, or a room's order would change.
    if (this.#waiting === 0 && this.#queue.tryPush(record)) return;
    this.#setFull();
    this.#waiting += 1;
    const pushed = this.#tail.then(() => this.#queue.push(record));
    this.#tail = pushed.then(
      () => void (this.#waiting -= 1),
      () => void (this.#waiting -= 1),
    );
    return pushed;
  }

  #setFull(): void {
    if (this.#full) return;
    this.#full = true;
    this.#emit('full');
    this.#drainTimer = setInterval(() => {
      if (this.#waiting > 0 || this.#queue.size > this.#queue.capacity / 2) return;
      clearInterval(this.#drainTimer);
      this.#drainTimer = undefined;
      this.#full = false;
      this.#emit('drain');
    }, this.#options.drainPollMs ?? 50);
    this.#drainTimer.unref();
  }

  #emit(state: BackpressureState): void {
    for (const listener of this.#listeners) listener(state);
  }
}
