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
export { Writer, type RetryPolicy, type TopicRoles, type WriterOptions } from './writer';
export { KafkaSource, type KafkaSourceOptions } from './sources/kafka-source';
export { PartitionKeeper, dropPartitionsOlderThan, ensurePartitions } from './partitions';
export { createWriterMetrics, type WriterMetrics } from './metrics';
export type { MetricsServer } from './writer-http';
export { stopOnSignals } from './shutdown';
export {
  normaliseRecords,
  writeBatch,
  type BatchWriteResult,
  type InsertMethod,
} from './batch-writer';
export type { IngestErrorReason } from './rows';
export {
  SOURCED_TABLES,
  countReplayedRows,
  rewindToReplay,
  type ReplayRange,
} from './replay-range';
export { summariseDatabase, type DatabaseSummary } from './database-summary';
export * as schema from './schema';
