import { QUEUE_PARTITION } from '../records';
import type { IngestRecord } from '../records';
import type { IngestQueue, QueuedRecord } from './ingest-queue';
import type { BatchHandler, OffsetReader, RecordSource } from './source';

export interface QueueSourceOptions {
  queue: IngestQueue;
  readOffsets: OffsetReader;
  /** Pseudo topic under which the queue's sequence is stored in ingest_offsets. */
  offsetTopic?: string;
  maxBatchRecords: number;
  lingerMs: number;
  /** How long stop() keeps draining the queue before abandoning what is left. */
  drainTimeoutMs?: number;
}

export const DEFAULT_QUEUE_OFFSET_TOPIC = 'embedded-queue';

/**
 * Drains the in-process queue in batches. Each record gets the next number of a sequence that
 * continues from the one stored in ingest_offsets, so after a restart new records never collide
 * with stored source coordinates, and a retried batch keeps its offsets (exactly once in the
 * database, like Kafka offsets).
 */
export class QueueSource implements RecordSource {
  private readonly offsetTopic: string;
  private loop: Promise<void> | undefined;
  private abandoned = false;

  constructor(private readonly options: QueueSourceOptions) {
    this.offsetTopic = options.offsetTopic ?? DEFAULT_QUEUE_OFFSET_TOPIC;
  }

  async start(handler: BatchHandler): Promise<void> {
    const stored = await this.options.readOffsets(this.offsetTopic);
    this.loop = this.run(handler, stored.get(QUEUE_PARTITION) ?? 0n);
  }

  async stop(): Promise<void> {
    this.options.queue.close();
    const timeout = this.options.drainTimeoutMs ?? 10_000;
    const timer = setTimeout(() => (this.abandoned = true), timeout);
    try {
      await this.loop;
    } finally {
      clearTimeout(timer);
    }
  }

  private async run(handler: BatchHandler, first: bigint): Promise<void> {
    const { queue, maxBatchRecords, lingerMs } = this.options;
    const control = { isActive: () => !this.abandoned, heartbeat: () => Promise.resolve() };
    let next = first;
    for (;;) {
      const items = await queue.take(maxBatchRecords, lingerMs);
      if (items.length === 0) return;
      const records = items.map((item, i) => toIngestRecord(item, next + BigInt(i)));
      const nextOffset = next + BigInt(items.length);
      const committed = await handler(
        {
          records,
          commits: [
            {
              topic: this.offsetTopic,
              partition: QUEUE_PARTITION,
              nextOffset: nextOffset.toString(),
            },
          ],
          lag: [{ topic: this.offsetTopic, partition: QUEUE_PARTITION, messages: queue.size }],
        },
        control,
      );
      if (!committed) return;
      next = nextOffset;
    }
  }
}

function toIngestRecord(item: QueuedRecord, offset: bigint): IngestRecord {
  return {
    topic: item.topic,
    partition: QUEUE_PARTITION,
    offset: offset.toString(),
    key: typeof item.key === 'string' ? Buffer.from(item.key) : item.key,
    value: typeof item.value === 'string' ? Buffer.from(item.value) : item.value,
    timestampMs: item.timestampMs,
    headers: item.headers ?? {},
  };
}
