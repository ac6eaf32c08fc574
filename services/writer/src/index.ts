// Public API of @danmaku/writer: what the CLI, the tests and the benchmarks use.
export {
  parseWriterConfig,
  writerConfigFromEnv,
  writerConfigSchema,
  writerSettings,
  type WriterConfig,
  type WriterConfigInput,
} from './config';
export {
  MIGRATION_LOCK_KEY,
  defaultMigrationsFolder,
  migrate,
  migrationCount,
  type MigrateOptions,
  type MigrateResult,
} from './migrate';
export {
  openDatabase,
  pgliteDatabase,
  readStoredOffsets,
  type Database,
  type DatabaseSettings,
} from './database';
export {
  pgPoolClient,
  pgliteClient,
  type QueryResult,
  type SqlClient,
  type SqlExecutor,
} from './sql-client';
export { startWriter, type RunningWriter, type StartWriterOptions } from './service';
export { Writer, type RetryPolicy, type WriterOptions } from './writer';
export { KafkaSource, type KafkaSourceOptions } from './sources/kafka-source';
export {
  DEFAULT_QUEUE_OFFSET_TOPIC,
  QueueSource,
  type QueueSourceOptions,
} from './sources/queue-source';
export { IngestQueue, QueueClosedError, type QueuedRecord } from './sources/ingest-queue';
export type { BatchControl, BatchHandler, OffsetReader, RecordSource } from './sources/source';
export { PartitionKeeper, dropPartitionsOlderThan, ensurePartitions } from './partitions';
export { createWriterMetrics, type WriterMetrics } from './metrics';
export type { MetricsServer } from './writer-http';
export { stopOnSignals } from './shutdown';
export {
  normaliseRecords,
  writeBatch,
  type BatchWriteResult,
  type InsertMethod,
  type TopicRoles,
} from './batch-writer';
export { sessionEventSchema } from './session-events';
export { QUEUE_PARTITION, type IngestRecord, type OffsetCommit, type SourceBatch } from './records';
export type { IngestErrorReason, SessionEvent } from './rows';
export * as schema from './schema';
