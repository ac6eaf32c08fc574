// Public API of @danmaku/writer: what the CLI, the tests and the benchmarks use. The Kafka source,
// the Writer loop and its metrics stay behind startWriter.
export {
  parseWriterConfig,
  writerConfigFromEnv,
  writerSettings,
  type WriterConfig,
  type WriterConfigInput,
} from './config.js';
// The database side, as `@danmaku/writer/database` exports it, plus the two SQL clients.
export * from './database-access.js';
export { pgPoolClient, pgliteClient } from './sql-client.js';
export { startWriter, type RunningWriter, type StartWriterOptions } from './service.js';
export { PartitionKeeper } from './partitions.js';
export type { WriterMetrics } from './metrics.js';
export type { MetricsServer } from './writer-http.js';
export { stopOnSignals } from './shutdown.js';
export { describeUnwritten, type StopReport } from './stop-report.js';
export {
  normaliseRecords,
  writeBatch,
  type BatchWriteResult,
  type InsertMethod,
} from './batch-writer.js';
export type { IngestErrorReason } from './rows.js';
export { countReplayedRows, rewindToReplay, type ReplayRange } from './replay-range.js';
export * as schema from './schema/index.js';
