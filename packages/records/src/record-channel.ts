import { BoundedQueue } from './bounded-queue.js';
import {
  invalidKeyEntry,
  rawRecordWire,
  sessionEventWire,
  type KafkaTopics,
} from './kafka-codec.js';
import { isRoomId, type RawRecord } from './raw-record.js';
import type { BackpressureState, RecordSink } from './record-sink.js';
import {
  DEFAULT_QUEUE_OFFSET_TOPIC,
  QUEUE_PARTITION,
  type BatchHandler,
  type OffsetReader,
  type RecordSource,
} from './record-source.js';
import { parseSessionEvent, type SessionEvent } from './session-event.js';
import type { RecordPosition, SourceEntry } from './source-entry.js';

export interface RecordChannelOptions {
  /** Records and session events the channel holds before it reports `full`. */
  capacity: number;
  /** The topics entries are attributed to, as if they had come through Kafka. */
  topics: KafkaTopics;
  maxBatchRecords: number;
  lingerMs: number;
  /** Pseudo topic under which the channel's sequence is stored in ingest_offsets. */
  offsetTopic?: string;
  /** How long stop() keeps draining the channel before abandoning what is left. */
  drainTimeoutMs?: number;
  /** How often a full channel is checked for room again. Default 50 ms. */
  drainPollMs?: number;
}

/**
 * The embedded mode's stand-in for Kafka: the collector's sink and the writer's source at once.
 * Typed records go in and come out; nothing is encoded on the way. When the bounded queue is
 * full the channel reports `full` (the collector pauses its sockets) and keeps what still arrives
 * in order behind the queue; below half capacity it reports `drain`. Each entry gets the next
 * number of a sequence that continues from the one stored in ingest_offsets, so after a restart
 * new records never collide with stored source coordinates, and a retried batch keeps its offsets.
 */
export class RecordChannel implements RecordSink, RecordSource {
  readonly #queue: BoundedQueue<RawRecord | SessionEvent>;
  readonly #o: RecordChannelOptions;
  readonly #offsetTopic: string;
  readonly #listeners = new Set<(state: BackpressureState) => void>();
  #tail: Promise<void> = Promise.resolve();
  #waiting = 0;
  #full = false;
  #drainTimer: NodeJS.Timeout | undefined;
  #loop: Promise<void> | undefined;
  #abandoned = false;
  #committed = 0;
  /** Records and session events accepted so far. */
  accepted = 0;

  constructor(options: RecordChannelOptions) {
    this.#queue = new BoundedQueue(options.capacity);
    this.#o = options;
    this.#offsetTopic = options.offsetTopic ?? DEFAULT_QUEUE_OFFSET_TOPIC;
  }

  get isFull(): boolean {
    return this.#full;
  }

  /** Records and session events waiting for the writer. */
  get size(): number {
    return this.#queue.size;
  }

  /** Accepted but in no committed batch: queued, waiting, in flight, or refused once closed. */
  get unwritten(): number {
    return this.accepted - this.#committed;
  }

  send(record: RawRecord): void | Promise<void> {
    return this.#put(record);
  }

  sendSession(event: SessionEvent): void | Promise<void> {
    return this.#put(event);
  }

  onBackpressure(listener: (state: BackpressureState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Resolves once every accepted record is in the queue. */
  async flush(): Promise<void> {
    await this.#tail;
  }

  /** The collector is done sending; what is queued stays for the writer. */
  async close(): Promise<void> {
    await this.flush();
    clearInterval(this.#drainTimer);
    this.#drainTimer = undefined;
  }

  async start(handler: BatchHandler, readOffsets: OffsetReader): Promise<void> {
    const stored = await readOffsets(this.#offsetTopic);
    this.#loop = this.#run(handler, stored.get(QUEUE_PARTITION) ?? 0n);
  }

  /** No more sends; drains what is queued for at most `drainTimeoutMs`. */
  async stop(): Promise<void> {
    this.#queue.close();
    const timer = setTimeout(() => (this.#abandoned = true), this.#o.drainTimeoutMs ?? 10_000);
    try {
      await this.#loop;
    } finally {
      clearTimeout(timer);
    }
  }

  #put(item: RawRecord | SessionEvent): void | Promise<void> {
    this.accepted += 1;
    // Behind waiting records a new one must wait too, or a room's order would change.
    if (this.#waiting === 0 && this.#queue.tryPush(item)) return;
    this.#setFull();
    this.#waiting += 1;
    const pushed = this.#tail.then(() => this.#queue.push(item));
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
    }, this.#o.drainPollMs ?? 50);
    this.#drainTimer.unref();
  }

  #emit(state: BackpressureState): void {
    for (const listener of this.#listeners) listener(state);
  }

  async #run(handler: BatchHandler, first: bigint): Promise<void> {
    const { maxBatchRecords, lingerMs } = this.#o;
    const control = { isActive: () => !this.#abandoned, heartbeat: () => Promise.resolve() };
    const topic = this.#offsetTopic;
    let next = first;
    for (;;) {
      const items = await this.#queue.take(maxBatchRecords, lingerMs);
      if (items.length === 0) return;
      const entries = items.map((item, i) => this.#entry(item, next + BigInt(i)));
      const nextOffset = next + BigInt(items.length);
      const committed = await handler(
        {
          entries,
          commits: [{ topic, partition: QUEUE_PARTITION, nextOffset: nextOffset.toString() }],
          lag: [{ topic, partition: QUEUE_PARTITION, messages: this.#queue.size }],
        },
        control,
      );
      if (!committed) return;
      this.#committed += items.length;
      next = nextOffset;
    }
  }

  /** The contract is checked here as the Kafka decoder checks it; a breach keeps its bytes. */
  #entry(item: RawRecord | SessionEvent, offset: bigint): SourceEntry {
    const { topics } = this.#o;
    if ('body' in item) {
      const position = this.#position(topics.raw, offset, item.receivedAtMs);
      if (isRoomId(item.room)) return { kind: 'raw', position, record: item };
      return invalidKeyEntry(position, rawRecordWire(item));
    }
    const position = this.#position(topics.sessions, offset, item.at);
    const parsed = parseSessionEvent(item);
    if (parsed.ok) return { kind: 'session', position, event: parsed.event };
    return {
      kind: 'undecodable',
      position,
      wire: sessionEventWire(item),
      reason: 'invalid_session_event',
      detail: parsed.detail,
    };
  }

  #position(topic: string, offset: bigint, timestampMs: number): RecordPosition {
    return { topic, partition: QUEUE_PARTITION, offset: offset.toString(), timestampMs };
  }
}
