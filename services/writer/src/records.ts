/**
 * A record as the writer sees it, whatever its source (a Kafka partition or the embedded queue).
 * Raw records (douyu.raw.v1): key = room id, value = STT body bytes as received,
 * timestamp = receive time, headers type/session/collector/seq.
 */
export interface IngestRecord {
  topic: string;
  /** Kafka partition; -1 for the embedded in-process queue. */
  partition: number;
  /** Decimal offset (Kafka offsets are int64). */
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  timestampMs: number;
  headers: Record<string, string>;
}

/** After the batch commits, this is the next offset to read from (topic, partition). */
export interface OffsetCommit {
  topic: string;
  partition: number;
  nextOffset: string;
}

export interface SourceBatch {
  records: IngestRecord[];
  commits: OffsetCommit[];
  /** Messages left behind the batch per (topic, partition), when the source knows it. */
  lag?: { topic: string; partition: number; messages: number }[];
}

/** Partition number carried by rows that came through the embedded queue. */
export const QUEUE_PARTITION = -1;
