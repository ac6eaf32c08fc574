import type { SourceBatch } from '../records';

export interface BatchControl {
  /** False once the writer is stopping or the partition was revoked/re-sought: abandon the batch. */
  isActive(): boolean;
  /** Keeps the consumer's group membership alive during long retries. */
  heartbeat(): Promise<void>;
}

/** Writes the batch; resolves true once committed, false when it abandoned it (see BatchControl). */
export type BatchHandler = (batch: SourceBatch, control: BatchControl) => Promise<boolean>;

/** Where records come from: Kafka (KafkaSource) or the embedded in-process queue (QueueSource). */
export interface RecordSource {
  start(handler: BatchHandler): Promise<void>;
  stop(): Promise<void>;
}

/** Next offset per partition stored in ingest_offsets for one topic of the writer's group. */
export type OffsetReader = (topic: string) => Promise<Map<number, bigint>>;
