import type { Logger } from '@danmaku/runtime';
import type { Admin } from 'kafkajs';
import type { Gauge } from 'prom-client';
import { messageOf } from './db-errors.js';

export interface LagPollerOptions {
  /** Not connected yet; the poller connects, and reconnects after a failure. */
  admin: Admin;
  groupId: string;
  topics: readonly string[];
  intervalMs: number;
  /** danmaku_writer_consumer_lag_messages{topic,partition}. */
  gauge: Gauge<'topic' | 'partition'>;
  logger: Logger;
}

/**
 * Sets the consumer lag gauge on a timer: each partition's high watermark minus the group's
 * committed offset (or its low watermark when nothing is committed, or the committed one has
 * expired). Measured apart from the batches, so the gauge rises while the writer is stuck (its
 * database down) instead of freezing at the value of its last commit. Labels: topic, partition.
 */
export class LagPoller {
  private timer: NodeJS.Timeout | undefined;
  private connected = false;
  private failing = false;
  private polling: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly options: LagPollerOptions) {}

  start(): void {
    void this.poll();
    this.timer = setInterval(() => void this.poll(), this.options.intervalMs);
    this.timer.unref();
  }

  /** One measurement (joins the one running). */
  poll(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.polling ??= this.measure().finally(() => (this.polling = undefined));
    return this.polling;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.polling;
    if (this.connected) await this.options.admin.disconnect().catch(() => undefined);
    this.connected = false;
  }

  private async measure(): Promise<void> {
    const { admin, groupId, topics, gauge, logger } = this.options;
    try {
      if (!this.connected) {
        await admin.connect();
        this.connected = true;
      }
      // Committed first: a high watermark read afterwards is never below it.
      const committed = await admin.fetchOffsets({ groupId, topics: [...topics] });
      for (const topic of topics) {
        const positions = new Map(
          committed
            .find((t) => t.topic === topic)
            ?.partitions.map((p) => [p.partition, BigInt(p.offset)]),
        );
        for (const { partition, high, low } of await admin.fetchTopicOffsets(topic)) {
          const done = positions.get(partition) ?? -1n;
          const from = done > BigInt(low) ? done : BigInt(low);
          const lag = BigInt(high) - from;
          gauge.set({ topic, partition: String(partition) }, lag > 0n ? Number(lag) : 0);
        }
      }
      if (this.failing) logger.info('measuring consumer lag works again');
      this.failing = false;
    } catch (error) {
      // Kafka unreachable, or the topics do not exist yet: keep the last values, say so once.
      if (!this.failing) {
        logger.warn('measuring consumer lag failed; retrying every interval', {
          error: messageOf(error),
          intervalMs: this.options.intervalMs,
        });
      }
      this.failing = true;
      if (this.connected) await admin.disconnect().catch(() => undefined);
      this.connected = false;
    }
  }
}
