import { decodeKafkaMessage } from '@danmaku/records';
import type {
  BatchControl,
  BatchHandler,
  KafkaTopics,
  OffsetReader,
  RecordSource,
} from '@danmaku/records';
import { backoffDelayMs } from '@danmaku/runtime/backoff';
import type { Admin, Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import type { Logger } from '@danmaku/runtime';
import {
  consumerRestartDelayMs,
  isMissingTopicError,
  isPermanentKafkaError,
} from './consumer-recovery.js';
import { GroupMembership } from './group-membership.js';

export interface KafkaSourceOptions {
  kafka: Kafka;
  groupId: string;
  /** Subscribed and decoded by role: raw records and session events. */
  topics: KafkaTopics;
  readOffsets: OffsetReader;
  logger: Logger;
  /** A fetched batch larger than this is committed in several transactions. */
  maxBatchRecords: number;
  maxWaitTimeMs: number;
  maxBytesPerPartition: number;
  partitionsConsumedConcurrently: number;
  sessionTimeoutMs?: number;
  rebalanceTimeoutMs?: number;
  /**
   * Kafka no longer held `missing` offsets after the stored position (retention deleted them
   * before they were read, and kafkajs reset to the earliest offset): a loss to count and report.
   */
  onExpired?: (topic: string, partition: number, missing: bigint) => void;
  /** A permanent error (credentials, authorisation, configuration): the consumer no longer runs. */
  onFatal?: (error: Error) => void;
}

/**
 * kafkajs consumer whose positions live in PostgreSQL. On every assignment (GROUP_JOIN) it
 * reads ingest_offsets and seeks there. A partition with nothing stored has had nothing
 * committed, to PostgreSQL nor (since Kafka is told only afterwards) to the group, so it starts
 * from the beginning. Because a fetch can race the seek (tulios/kafkajs#1363), each batch is also
 * filtered against the stored offset, and rows carry dedupe keys anyway. Offsets are committed to
 * Kafka after PostgreSQL, for lag dashboards only.
 */
export class KafkaSource implements RecordSource {
  private consumer: Consumer | undefined;
  private handler: BatchHandler | undefined;
  private stopping = false;
  private relaunches = 0;
  private relaunchTimer: NodeJS.Timeout | undefined;
  private waitingForTopics = false;
  private running = false;
  private readonly membership = new GroupMembership();
  private readonly expected = new Map<string, Promise<bigint | undefined>>();

  constructor(private readonly options: KafkaSourceOptions) {}

  /** Stored positions come from `options.readOffsets`, read again on every assignment. */
  async start(handler: BatchHandler): Promise<void> {
    this.handler = handler;
    try {
      await this.launch(handler);
    } catch (error) {
      if (!isMissingTopicError(error)) throw error;
      // Never exit for this: the topics appear once a collector or an admin creates them.
      this.waitingForTopics = true;
      this.options.logger.warn('waiting for the topics to exist; retrying with backoff', {
        topics: [this.options.topics.raw, this.options.topics.sessions],
        error: String(error),
      });
      await this.consumer?.disconnect().catch(() => undefined);
      this.scheduleRelaunch();
    }
  }

  /** The consumer runs (false while waiting for topics, recreating it, or stopped): for /readyz. */
  isRunning(): boolean {
    return this.running;
  }

  /** The consumer has joined its group and not left it since (rebalance, crash, stop): for /readyz. */
  isGroupMember(): boolean {
    return this.running && this.membership.isMember();
  }

  /** An admin client on the same Kafka connection settings (the lag poller's); not connected. */
  createAdmin(): Admin {
    return this.options.kafka.admin();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.running = false;
    clearTimeout(this.relaunchTimer);
    await this.consumer?.disconnect();
  }

  private async launch(handler: BatchHandler): Promise<void> {
    const o = this.options;
    const consumer = o.kafka.consumer({
      groupId: o.groupId,
      maxWaitTimeInMs: o.maxWaitTimeMs,
      maxBytesPerPartition: o.maxBytesPerPartition,
      maxBytes: Math.max(o.maxBytesPerPartition * 4, 10 * 1024 * 1024),
      sessionTimeout: o.sessionTimeoutMs ?? 8_000,
      // A kill -9 is noticed when the session expires; the survivors then learn of the rebalance
      // on their next heartbeat, so a short interval keeps failover near the session timeout.
      heartbeatInterval: Math.min(1000, Math.floor((o.sessionTimeoutMs ?? 8_000) / 3)),
      rebalanceTimeout: o.rebalanceTimeoutMs ?? 60_000,
      // A topic the broker auto-created for a reader gets its default partition count, not the
      // one the deployment chose; the writer waits for the real one instead (see start).
      allowAutoTopicCreation: false,
    });
    this.consumer = consumer;
    this.membership.watch(consumer);
    consumer.on(consumer.events.GROUP_JOIN, (event) => {
      this.relaunches = 0;
      this.onAssignment(event.payload.memberAssignment);
    });
    consumer.on(consumer.events.CRASH, (event) => {
      const { error, restart } = event.payload;
      o.logger.error('kafka consumer crashed', { error: String(error), restart });
      if (!restart && consumer === this.consumer) this.running = false;
      if (restart || this.stopping || consumer !== this.consumer) return;
      if (isPermanentKafkaError(error)) o.onFatal?.(error);
      else this.scheduleRelaunch();
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [o.topics.raw, o.topics.sessions], fromBeginning: true });
    await consumer.run({
      autoCommit: true,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: o.partitionsConsumedConcurrently,
      eachBatch: (payload) => this.eachBatch(payload, handler),
    });
    this.running = true;
    if (this.waitingForTopics) {
      this.waitingForTopics = false;
      o.logger.info('the topics exist now; consuming');
    }
  }

  /** kafkajs will not restart this consumer: a new one joins the group after a backoff. */
  private scheduleRelaunch(): void {
    const delayMs = consumerRestartDelayMs(this.relaunches++);
    if (!this.waitingForTopics) {
      this.options.logger.warn('recreating the kafka consumer', {
        attempt: this.relaunches,
        delayMs,
      });
    }
    this.relaunchTimer = setTimeout(() => void this.relaunch(), delayMs);
  }

  private async relaunch(): Promise<void> {
    const { handler } = this;
    if (this.stopping || handler === undefined) return;
    await this.consumer?.disconnect().catch(() => undefined);
    try {
      await this.launch(handler);
    } catch (error) {
      // Waiting for topics was logged once at start; each attempt would only repeat it.
      if (!(this.waitingForTopics && isMissingTopicError(error))) {
        this.options.logger.warn('kafka consumer did not start', { error: String(error) });
      }
      if (!this.stopping) this.scheduleRelaunch();
    }
  }

  private onAssignment(assignment: Record<string, number[]>): void {
    this.expected.clear();
    for (const [topic, partitions] of Object.entries(assignment)) {
      const stored = this.options.readOffsets(topic);
      for (const partition of partitions) {
        const next = stored.then((offsets) => offsets.get(partition));
        this.expected.set(`${topic}:${partition}`, next);
        next.then(
          (offset) => {
            if (offset !== undefined) this.seek(topic, partition, offset.toString());
          },
          (error: unknown) =>
            this.options.logger.warn('reading stored offsets failed', {
              topic,
              error: String(error),
            }),
        );
      }
    }
  }

  private seek(topic: string, partition: number, offset: string): void {
    try {
      this.consumer?.seek({ topic, partition, offset });
    } catch (error) {
      // Stopping, or the assignment changed meanwhile: the next GROUP_JOIN seeks again.
      this.options.logger.warn('seek failed', { topic, partition, error: String(error) });
    }
  }

  /** The stored next offset, reloading (with the batch's patience) if the first read failed. */
  private async expectedOffset(
    topic: string,
    partition: number,
    control: BatchControl,
  ): Promise<bigint | undefined | null> {
    const key = `${topic}:${partition}`;
    for (let attempt = 0; ; attempt++) {
      const pending =
        this.expected.get(key) ?? this.options.readOffsets(topic).then((m) => m.get(partition));
      this.expected.set(key, pending);
      try {
        return await pending;
      } catch (error) {
        this.expected.delete(key);
        this.options.logger.warn('reading stored offsets failed', {
          topic,
          partition,
          error: String(error),
        });
        await new Promise((resolve) =>
          setTimeout(resolve, backoffDelayMs(attempt, { baseMs: 200, capMs: 5_000 })),
        );
        // Stopping: the batch stays in Kafka rather than wait here past the flush timeout.
        if (!control.isActive() || this.stopping) return null;
      }
    }
  }

  private async eachBatch(payload: EachBatchPayload, handler: BatchHandler): Promise<void> {
    const { batch } = payload;
    const control: BatchControl = {
      // While the writer stops, kafkajs waits for this batch: it may still flush (the writer
      // bounds that by its flush timeout). A consumer stopped for another reason gives it up.
      isActive: () => (payload.isRunning() || this.stopping) && !payload.isStale(),
      heartbeat: () => payload.heartbeat(),
    };
    const expected = await this.expectedOffset(batch.topic, batch.partition, control);
    if (expected === null || !control.isActive()) return;
    const fresh =
      expected === undefined
        ? batch.messages
        : batch.messages.filter((m) => BigInt(m.offset) >= expected);
    const first = fresh[0];
    if (expected !== undefined && first !== undefined && BigInt(first.offset) > expected) {
      this.options.onExpired?.(batch.topic, batch.partition, BigInt(first.offset) - expected);
    }
    if (fresh.length === 0) {
      if (batch.messages.length > 0) payload.resolveOffset(batch.lastOffset());
      return;
    }
    const highWatermark = BigInt(batch.highWatermark);
    for (let start = 0; start < fresh.length; start += this.options.maxBatchRecords) {
      const chunk = fresh.slice(start, start + this.options.maxBatchRecords);
      if (!(await this.commitChunk(payload, chunk, highWatermark, handler, control))) return;
    }
  }

  private async commitChunk(
    payload: EachBatchPayload,
    chunk: KafkaMessage[],
    highWatermark: bigint,
    handler: BatchHandler,
    control: BatchControl,
  ): Promise<boolean> {
    const { topic, partition } = payload.batch;
    const last = chunk[chunk.length - 1];
    if (last === undefined || !control.isActive()) return false;
    const next = BigInt(last.offset) + 1n;
    const committed = await handler(
      {
        entries: chunk.map((m) => decodeKafkaMessage(this.options.topics, topic, partition, m)),
        commits: [{ topic, partition, nextOffset: next.toString() }],
        lag: [{ topic, partition, messages: Math.max(0, Number(highWatermark - next)) }],
      },
      control,
    );
    if (!committed) return false;
    this.expected.set(`${topic}:${partition}`, Promise.resolve(next));
    payload.resolveOffset(last.offset);
    await payload.commitOffsetsIfNecessary().catch((error: unknown) => {
      this.options.logger.warn('committing offsets to kafka failed (informational only)', {
        error: String(error),
      });
    });
    return true;
  }
}
