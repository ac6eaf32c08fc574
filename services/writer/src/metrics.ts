import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DbErrorKind } from './db-errors.js';
import { numberColumnLabels } from './unparsed-values.js';

const DB_ERROR_KINDS = ['transient', 'data', 'missing_partition'] as const satisfies DbErrorKind[];

/** The writer's Prometheus metrics; labels are closed sets (table, column, reason, kind, topic, partition). */
export interface WriterMetrics {
  registry: Registry;
  rowsWritten: Counter<'table'>;
  duplicateRowsSkipped: Counter<'table'>;
  erasedRowsDropped: Counter<'table'>;
  recordsConsumed: Counter<'topic'>;
  batchRecords: Histogram;
  batchWriteSeconds: Histogram;
  consumerLag: Gauge<'topic' | 'partition'>;
  ingestLatencySeconds: Histogram;
  ingestErrors: Counter<'reason'>;
  valuesUnparsed: Counter<'table' | 'column'>;
  recordsExpired: Counter<'topic'>;
  dbRetries: Counter<'kind'>;
  partitionsDropped: Counter;
}

/** Registers the writer metrics on `registry` (one registry per process; the CLI may share it). */
export function createWriterMetrics(registry: Registry = new Registry()): WriterMetrics {
  const registers = [registry];
  const metrics: WriterMetrics = {
    registry,
    rowsWritten: new Counter({
      name: 'danmaku_writer_rows_written_total',
      help: 'Rows inserted or upserted, by table.',
      labelNames: ['table'],
      registers,
    }),
    duplicateRowsSkipped: new Counter({
      name: 'danmaku_writer_duplicate_rows_skipped_total',
      help: 'Rows not inserted because they were already stored (redelivery, second collector), by table.',
      labelNames: ['table'],
      registers,
    }),
    erasedRowsDropped: new Counter({
      name: 'danmaku_writer_erased_rows_dropped_total',
      help: 'Rows not inserted because their user is in erased_users (danmaku erase), by table; on ingest and on replay.',
      labelNames: ['table'],
      registers,
    }),
    recordsConsumed: new Counter({
      name: 'danmaku_writer_records_consumed_total',
      help: 'Records committed, by source topic.',
      labelNames: ['topic'],
      registers,
    }),
    batchRecords: new Histogram({
      name: 'danmaku_writer_batch_records',
      help: 'Records per committed batch.',
      buckets: [1, 10, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 25000],
      registers,
    }),
    batchWriteSeconds: new Histogram({
      name: 'danmaku_writer_batch_write_seconds',
      help: 'Time to normalise and commit one batch, retries included.',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    consumerLag: new Gauge({
      name: 'danmaku_writer_consumer_lag_messages',
      help: 'Messages behind the end of the partition (high watermark minus committed offset), measured every WRITER_LAG_INTERVAL_MS and after each batch; embedded: records queued.',
      labelNames: ['topic', 'partition'],
      registers,
    }),
    ingestLatencySeconds: new Histogram({
      name: 'danmaku_writer_ingest_latency_seconds',
      help: 'Commit time minus record timestamp (collector receive time).',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 3600],
      registers,
    }),
    ingestErrors: new Counter({
      name: 'danmaku_writer_ingest_errors_total',
      help: 'Records stored in ingest_errors instead of a table, by reason.',
      labelNames: ['reason'],
      registers,
    }),
    valuesUnparsed: new Counter({
      name: 'danmaku_writer_values_unparsed_total',
      help: 'Douyu values present in a message but stored NULL because they are not a number or do not fit the column (the text stays in fields), by table and column; counted per row offered, redeliveries included.',
      labelNames: ['table', 'column'],
      registers,
    }),
    recordsExpired: new Counter({
      name: 'danmaku_writer_records_expired_total',
      help: 'Offsets skipped because Kafka no longer held them when read (retention ran first), by topic.',
      labelNames: ['topic'],
      registers,
    }),
    dbRetries: new Counter({
      name: 'danmaku_writer_db_retries_total',
      help: 'Failed batch transactions that were retried, by kind (transient, data, missing_partition).',
      labelNames: ['kind'],
      registers,
    }),
    partitionsDropped: new Counter({
      name: 'danmaku_writer_partitions_dropped_total',
      help: 'Daily table partitions dropped by retention (WRITER_RETENTION_DAYS).',
      registers,
    }),
  };
  // Every kind (and table/column) exists at 0 from the start: increase() cannot count a series' first sample, so
  // the DatabaseRetries alert and the dashboard would miss the first retries of a kind.
  for (const kind of DB_ERROR_KINDS) metrics.dbRetries.inc({ kind }, 0);
  for (const labels of numberColumnLabels()) metrics.valuesUnparsed.inc(labels, 0);
  return metrics;
}
