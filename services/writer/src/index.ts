// Public API of @danmaku/writer: what the CLI, the tests and the benchmarks use. The Kafka source,
// the Writer loop and its metrics stay behind startWriter.
export {
  parseWriterConfig,
  writerConfigFromEnv,
  writerSettings,
  type WriterConfig,
  type WriterConfigInput,
} from './config';
export {
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
export { PartitionKeeper } from './partitions';
export type { WriterMetrics } from './metrics';
export type { MetricsServer } from './writer-http';
export { stopOnSignals } from './shutdown';
export {
  normaliseRecords,
  writeBatch,
  type BatchWriteResult,
  type InsertMethod,
} from './batch-writer';
export type { IngestErrorReason } from './rows';
export { countReplayedRows, rewindToReplay, type ReplayRange } from './replay-range';
export { summariseDatabase, type DatabaseSummary } from './database-summary';
export * as schema from './schema';
