import { backoffDelayMs } from '@danmaku/runtime/backoff';
import {
  rawRecordToKafkaMessage,
  sessionEventToKafkaMessage,
  type BackpressureState,
  type RawRecord,
  type RecordSink,
  type SessionEvent,
} from '@danmaku/records';
import { isKafkaAuthenticationError, silentLogger, type Logger } from '@danmaku/runtime';
import { createDropReporter, type DropReporter } from './drop-reporter.js';
import { createCollectorMetrics, type CollectorMetrics } from './metrics.js';
import { RecordBuffer, type Batch } from './record-buffer.js';
import { sleepUnlessAborted } from './sleep-unless-aborted.js';
import type { ProducerLike, ProducerMessage } from './kafka-producer.js';

const SEND_RETRY_BACKOFF = { baseMs: 200, capMs: 5_000 };

export type { ProducerLike, ProducerMessage };

export interface KafkaSinkOptions {
  producer: ProducerLike;
  rawTopic: string;
  sessionsTopic: string;
  batchMaxRecords: number;
  batchMaxBytes: number;
  lingerMs: number;
  bufferMaxBytes: number;
  bufferMaxRecords: number;
  /** kafkajs CompressionTypes value; 0 = none. */
  compression?: number;
  metrics?: CollectorMetrics;
  logger?: Logger;
  drops?: DropReporter;
}

/**
 * Batches records by count and age into one `sendBatch` at a time (the idempotent producer
 * prefers one large send to many parallel ones). A failed batch is retried as the same batch, so
 * the producer's sequence numbers let the broker discard a copy it already wrote.
 */
export class KafkaSink implements RecordSink {
  readonly #o: KafkaSinkOptions;
  readonly #buffer: RecordBuffer;
  readonly #metrics: CollectorMetrics;
  readonly #log: Logger;
  readonly #drops: DropReporter;
  readonly #abort = new AbortController();
  #connected = false;
  #started: Promise<void> | undefined;
  #sending: Promise<void> | undefined;
  #timer: NodeJS.Timeout | undefined;
  #flushing = 0;
  #closed = false;
  #idleWaiters: Array<() => void> = [];

  constructor(options: KafkaSinkOptions) {
    this.#o = options;
    this.#metrics = options.metrics ?? createCollectorMetrics();
    this.#log = options.logger ?? silentLogger;
    this.#drops = options.drops ?? createDropReporter(this.#metrics, this.#log);
    this.#buffer = new RecordBuffer({
      maxBytes: options.bufferMaxBytes,
      maxRecords: options.bufferMaxRecords,
    });
    this.#buffer.onBackpressure((state) => {
      this.#metrics.backpressure.set(state === 'full' ? 1 : 0);
      if (state === 'full') this.#metrics.backpressureEvents.inc();
      this.#log.warn(
        state === 'full' ? 'sink full: pausing rooms' : 'sink drained: resuming rooms',
        {
          records: this.#buffer.records,
          bytes: this.#buffer.bytes,
        },
      );
    });
  }

  get isFull(): boolean {
    return this.#buffer.isFull;
  }
  get connected(): boolean {
    return this.#connected;
  }
  get buffered(): { records: number; bytes: number } {
    return { records: this.#buffer.records, bytes: this.#buffer.bytes };
  }

  /**
   * Connects in the background, retrying until it works or the sink closes. Rejects when the
   * brokers refuse the credentials: no wait cures that, the operator has to.
   */
  start(): Promise<void> {
    this.#started ??= this.#connectLoop();
    return this.#started;
  }

  onBackpressure(listener: (state: BackpressureState) => void): () => void {
    return this.#buffer.onBackpressure(listener);
  }

  send(record: RawRecord): void {
    if (this.#closed) return this.#drops.drop('closed', 1, record.room);
    if (!this.#buffer.push(record)) return this.#drops.drop('buffer_full', 1, record.room);
    this.#updateGauges();
    this.#schedule();
  }

  sendSession(event: SessionEvent): void {
    if (this.#closed || !this.#buffer.pushSession(event)) {
      return this.#drops.drop('session_buffer_full', 1, event.room);
    }
    this.#schedule();
  }

  /** Resolves once everything accepted so far is acknowledged. */
  async flush(): Promise<void> {
    this.#flushing += 1;
    try {
      while (this.#buffer.records > 0 || this.#buffer.pending > 0 || this.#sending) {
        this.#schedule();
        await new Promise<void>((resolve) => this.#idleWaiters.push(resolve));
        if (this.#abort.signal.aborted) return;
      }
    } finally {
      this.#flushing -= 1;
    }
  }

  /** Stops accepting, flushes for at most `timeoutMs`, counts whatever is left as dropped. */
  async close(timeoutMs = 10_000): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const timeout = new Promise<'timeout'>((r) => setTimeout(r, timeoutMs, 'timeout').unref());
    if ((await Promise.race([this.flush().then(() => 'done' as const), timeout])) === 'timeout') {
      this.#log.error('flush timed out at shutdown', { records: this.#buffer.records });
    }
    this.#abort.abort();
    clearTimeout(this.#timer);
    const left = this.#buffer.records;
    if (left > 0) this.#drops.drop('shutdown', left);
    this.#buffer.drainAll();
    this.#wakeIdle();
    this.#drops.flush();
    await this.#o.producer
      .disconnect()
      .catch((error: unknown) => this.#log.warn('producer disconnect failed', { error }));
  }

  async #connectLoop(): Promise<void> {
    for (let attempt = 0; !this.#abort.signal.aborted; attempt++) {
      try {
        await this.#o.producer.connect();
        this.#connected = true;
        this.#log.info('kafka producer connected');
        this.#schedule();
        return;
      } catch (error) {
        if (isKafkaAuthenticationError(error)) throw error;
        this.#log.warn('kafka producer connect failed; retrying', { error, attempt });
        await sleepUnlessAborted(backoffDelayMs(attempt, SEND_RETRY_BACKOFF), this.#abort.signal);
      }
    }
  }

  #schedule(): void {
    if (this.#sending || !this.#connected || this.#abort.signal.aborted) return;
    if (this.#buffer.pending === 0) return this.#wakeIdle();
    const oldest = this.#buffer.oldestPendingAt ?? Date.now();
    const waitMs = oldest + this.#o.lingerMs - Date.now();
    const ready =
      this.#flushing > 0 ||
      waitMs <= 0 ||
      this.#buffer.pending >= this.#o.batchMaxRecords ||
      this.#buffer.pendingBytes >= this.#o.batchMaxBytes;
    if (!ready) {
      this.#timer ??= setTimeout(() => {
        this.#timer = undefined;
        this.#schedule();
      }, waitMs);
      return;
    }
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#sending = this.#sendBatch(
      this.#buffer.take(this.#o.batchMaxRecords, this.#o.batchMaxBytes),
    ).finally(() => {
      this.#sending = undefined;
      this.#schedule();
    });
  }

  async #sendBatch(batch: Batch): Promise<void> {
    const topicMessages = [];
    if (batch.records.length > 0)
      topicMessages.push({
        topic: this.#o.rawTopic,
        messages: batch.records.map(rawRecordToKafkaMessage),
      });
    if (batch.sessions.length > 0)
      topicMessages.push({
        topic: this.#o.sessionsTopic,
        messages: batch.sessions.map(sessionEventToKafkaMessage),
      });
    for (let attempt = 0; !this.#abort.signal.aborted; attempt++) {
      const stop = this.#metrics.sendSeconds.startTimer();
      try {
        await this.#o.producer.sendBatch({
          topicMessages,
          acks: -1,
          compression: this.#o.compression ?? 0,
        });
        stop();
        this.#metrics.recordsSent.inc(batch.records.length);
        this.#buffer.release(batch);
        this.#updateGauges();
        return;
      } catch (error) {
        this.#metrics.sendErrors.inc();
        this.#log.warn('kafka send failed; retrying the same batch', {
          error,
          records: batch.records.length,
          attempt,
        });
        await sleepUnlessAborted(backoffDelayMs(attempt, SEND_RETRY_BACKOFF), this.#abort.signal);
      }
    }
  }

  #updateGauges(): void {
    this.#metrics.recordsBuffered.set(this.#buffer.records);
    this.#metrics.bufferedBytes.set(this.#buffer.bytes);
  }

  #wakeIdle(): void {
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
