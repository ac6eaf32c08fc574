import type { SourceEntry } from './source-entry.js';

/** After the batch commits, this is the next offset to read from (topic, partition). */
export interface OffsetCommit {
  topic: string;
  partition: number;
  nextOffset: string;
}

export interface SourceBatch {
  entries: SourceEntry[];
  commits: OffsetCommit[];
  /** Messages left behind the batch per (topic, partition), when the source knows it. */
  lag?: { topic: string; partition: number; messages: number }[];
}

export interface BatchControl {
  /** False once the writer is stopping or the partition was revoked/re-sought: abandon the batch. */
  isActive(): boolean;
  /** Keeps the consumer's group membership alive during long retries. */
  heartbeat(): Promise<void>;
}

/** Writes the batch; resolves true once committed, false when it abandoned it (see BatchControl). */
export type BatchHandler = (batch: SourceBatch, control: BatchControl) => Promise<boolean>;

/** Next offset per partition stored in ingest_offsets for one topic of the writer's group. */
export type OffsetReader = (topic: string) => Promise<Map<number, bigint>>;

/**
 * Where the writer's records come from: Kafka, or the embedded RecordChannel. `readOffsets`
 * reads the positions the writer stored with its rows, for a source that resumes from them.
 */
export interface RecordSource {
  start(handler: BatchHandler, readOffsets: OffsetReader): Promise<void>;
  stop(): Promise<void>;
  /**
   * Records the source took in that no committed batch carried, for a source that cannot deliver
   * them again once stopped (the embedded channel holds them in memory). Kafka has none: what
   * was not committed stays in the log for the group's next writer.
   */
  readonly unwritten?: number;
}

/** Partition number carried by rows that came through the embedded channel. */
export const QUEUE_PARTITION = -1;

/** Pseudo topic under which the embedded channel's sequence is stored in ingest_offsets. */
export const DEFAULT_QUEUE_OFFSET_TOPIC = 'embedded-queue';
