// Public API of @danmaku/writer: what the CLI, the tests and the benchmarks use. The Kafka source,
// the Writer loop and its metrics stay behind startWriter.
export {
  parseWriterConfig,
  writerConfigFromEnv,
  writerSettings,
  type WriterConfig,
  type WriterConfigInput,
} from './config.js';
export {
  defaultMigrationsFolder,
  migrate,
  migrationCount,
  type MigrateOptions,
  type MigrateResult,
} from './migrate.js';
export {
  openDatabase,
  pgliteDatabase,
  readStoredOffsets,
  type Database,
  type DatabaseSettings,
} from './database.js';
export {
  pgPoolClient,
  pgliteClient,
  type QueryResult,
  type SqlClient,
  type SqlExecutor,
} from './sql-client.js';
export { startWriter, type RunningWriter, type StartWriterOptions } from './service.js';
export { PartitionKeeper } from './partitions.js';
export type { WriterMetrics } from './metrics.js';
export type { MetricsServer } from './writer-http.js';
export { stopOnSignals } from './shutdown.js';
export {
  normaliseRecords,
  writeBatch,
  type BatchWriteResult,
  type InsertMethod,
} from './batch-writer.js';
export type { IngestErrorReason } from './rows.js';
export { countReplayedRows, rewindToReplay, type ReplayRange } from './replay-range.js';
export { summariseDatabase, type DatabaseSummary } from './database-summary.js';
export * as schema from './schema/index.js';
