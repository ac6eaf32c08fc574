import { setTimeout as sleep } from 'node:timers/promises';
import type { BatchControl, RecordSource, SourceBatch } from '@danmaku/records';
import { backoffDelayMs } from '@danmaku/runtime/backoff';
import { normaliseRecords, writeBatch, writeBatchIsolated } from './batch-writer.js';
import type { BatchWriteResult, InsertMethod } from './batch-writer.js';
import { readStoredOffsets } from './database.js';
import { classifyDbError, messageOf } from './db-errors.js';
import type { Logger } from '@danmaku/runtime';
import type { WriterMetrics } from './metrics.js';
import { PartitionKeeper } from './partitions.js';
import type { SqlClient } from './sql-client.js';
import type { StopReport } from './stop-report.js';
import { labelsOf } from './unparsed-values.js';

/** Which topic holds raw records and which session events (metrics tell them apart). */
export interface TopicRoles {
  rawTopic: string;
  sessionsTopic: string;
}

export interface RetryPolicy {
  initialDelayMs: number;
  maxDelayMs: number;
}

export interface WriterOptions extends TopicRoles {
  db: SqlClient;
  source: RecordSource;
  groupId: string;
  metrics: WriterMetrics;
  logger: Logger;
  retry: RetryPolicy;
  partitionsAheadDays: number;
  /** COPY via stage tables (node-postgres only; PGlite always uses UNNEST) or UNNEST. */
  insertMethod?: InsertMethod;
  /** Non-chat rows with the same room and body this close in receive time are stored once. */
  mergeWindowMs?: number;
}

const HOUR_MS = 3_600_000;
const AHEAD_AFTER_START_MS = 5_000;
/** Past the flush deadline, how long a transaction in flight may still take to end. */
const STOP_GRACE_MS = 5_000;

/**
 * Drains a RecordSource into PostgreSQL, one transaction per batch (rows + next offsets). A
 * failed transaction is retried with capped exponential backoff and nothing is acknowledged to
 * the source until it commits; the source decides what "acknowledge" means (Kafka: resolve).
 */
export class Writer {
  private readonly partitions: PartitionKeeper;
  private readonly stopping = new AbortController();
  private partitionTimer: NodeJS.Timeout | undefined;
  private aheadTimer: NodeJS.Timeout | undefined;
  private failing = 0;
  private stopRequested = false;
  /** Records of the batches being written now, and of those given up since stop(). */
  private inFlight = 0;
  private abandoned = 0;
  private lastError: string | undefined;

  constructor(private readonly options: WriterOptions) {
    this.partitions = new PartitionKeeper(options.db);
  }

  async start(): Promise<void> {
    // Only today's partitions before the first batch: the days around it are a dozen CREATE
    // TABLEs on a fresh database, most of an embedded first start, and nothing needs them yet
    // (ensureFor creates any day a batch brings). They follow shortly after, then hourly.
    await this.partitions.ensureToday(Date.now());
    const ensureAhead = () => {
      this.partitions
        .ensureAhead(Date.now(), this.options.partitionsAheadDays)
        .catch((error: unknown) => {
          this.options.logger.warn('creating partitions ahead failed', { error: messageOf(error) });
        });
    };
    this.aheadTimer = setTimeout(ensureAhead, AHEAD_AFTER_START_MS);
    this.aheadTimer.unref();
    this.partitionTimer = setInterval(ensureAhead, HOUR_MS);
    this.partitionTimer.unref();
    const { db, groupId } = this.options;
    await this.options.source.start(
      (batch, control) => this.handle(batch, control),
      (topic) => readStoredOffsets(db, groupId, topic),
    );
  }

  /** Batches whose last transaction attempt failed and that are waiting to retry (for /readyz). */
  get failingBatches(): number {
    return this.failing;
  }

  /**
   * Flushes what the source still holds, retrying the database, for up to `flushTimeoutMs`; then
   * stops taking batches. A transaction either commits or rolls back, never half. The report
   * says what no transaction committed.
   */
  async stop(flushTimeoutMs = 0): Promise<StopReport> {
    clearInterval(this.partitionTimer);
    clearTimeout(this.aheadTimer);
    this.stopRequested = true;
    const deadline = setTimeout(() => this.stopping.abort(), flushTimeoutMs);
    try {
      // A transaction the database never answers must not hold the stop forever.
      await Promise.race([
        this.options.source.stop(),
        sleep(flushTimeoutMs + STOP_GRACE_MS, undefined, { ref: false }),
      ]);
    } finally {
      clearTimeout(deadline);
      this.stopping.abort();
    }
    const { unwritten } = this.options.source;
    return {
      unwritten: unwritten ?? this.abandoned + this.inFlight,
      lost: unwritten !== undefined,
      lastError: this.lastError,
      flushTimeoutMs,
    };
  }

  private async handle(batch: SourceBatch, control: BatchControl): Promise<boolean> {
    // Past the flush deadline no new transaction starts.
    if (this.stopping.signal.aborted) return false;
    const started = process.hrtime.bigint();
    const failed = { now: false };
    const records = batch.entries.length;
    let result: BatchWriteResult | undefined;
    this.inFlight += records;
    try {
      result = await this.writeWithRetry(batch, control, failed);
    } finally {
      this.inFlight -= records;
      if (failed.now) this.failing--;
    }
    if (result === undefined) {
      // Given up on a rebalance, the next owner of the partition writes it; while stopping, it
      // is what this stop leaves behind.
      if (this.stopRequested) this.abandoned += records;
      return false;
    }
    this.record(batch, result, Number(process.hrtime.bigint() - started) / 1e9);
    return true;
  }

  /** `failed.now` (and the failing count) is set from the first failed attempt on. */
  private async writeWithRetry(
    batch: SourceBatch,
    control: BatchControl,
    failed: { now: boolean },
  ): Promise<BatchWriteResult | undefined> {
    const { db, groupId, metrics, logger } = this.options;
    const normalised = normaliseRecords(batch.entries);
    let isolate = false;
    for (let attempt = 0; ; attempt++) {
      try {
        return isolate
          ? await writeBatchIsolated(
              db,
              this.partitions,
              groupId,
              batch.entries,
              batch.commits,
              this.options.mergeWindowMs,
            )
          : await writeBatch(
              db,
              this.partitions,
              groupId,
              normalised,
              batch.commits,
              this.options.insertMethod,
              this.options.mergeWindowMs,
            );
      } catch (error) {
        const kind = classifyDbError(error);
        metrics.dbRetries.inc({ kind });
        if (!failed.now) this.failing++;
        failed.now = true;
        this.lastError = messageOf(error);
        logger.warn('batch write failed', {
          kind,
          attempt,
          records: batch.entries.length,
          error: messageOf(error),
        });
        if (kind === 'missing_partition') this.partitions.forget();
        if (kind === 'data') isolate = true;
        if (kind !== 'transient' && attempt === 0) continue;
        if (!(await this.backoff(attempt, control))) return undefined;
      }
    }
  }

  /** Waits before the next attempt; false when the batch must be abandoned (stop, rebalance). */
  private async backoff(attempt: number, control: BatchControl): Promise<boolean> {
    const { initialDelayMs, maxDelayMs } = this.options.retry;
    const delay = backoffDelayMs(attempt, { baseMs: initialDelayMs, capMs: maxDelayMs });
    try {
      await sleep(delay, undefined, { signal: this.stopping.signal });
      await control.heartbeat();
    } catch {
      return false;
    }
    return control.isActive() && !this.stopping.signal.aborted;
  }

  private record(batch: SourceBatch, result: BatchWriteResult, seconds: number): void {
    const { metrics } = this.options;
    metrics.batchRecords.observe(batch.entries.length);
    metrics.batchWriteSeconds.observe(seconds);
    for (const [table, offered] of Object.entries(result.offered)) {
      const written = result.rows[table as keyof typeof result.rows] ?? 0;
      const erased = result.erased[table as keyof typeof result.erased] ?? 0;
      metrics.rowsWritten.inc({ table }, written);
      if (erased > 0) metrics.erasedRowsDropped.inc({ table }, erased);
      const duplicates = offered - written - erased;
      if (duplicates > 0) metrics.duplicateRowsSkipped.inc({ table }, duplicates);
    }
    const sessions = result.rows.collect_sessions;
    if (sessions !== undefined) metrics.rowsWritten.inc({ table: 'collect_sessions' }, sessions);
    for (const error of result.errors) metrics.ingestErrors.inc({ reason: error.reason });
    for (const [key, n] of result.unparsed) metrics.valuesUnparsed.inc(labelsOf(key), n);
    const now = Date.now();
    const counts = new Map<string, number>();
    for (const { position } of batch.entries) {
      counts.set(position.topic, (counts.get(position.topic) ?? 0) + 1);
      const ageMs = now - position.timestampMs;
      if (position.topic === this.options.rawTopic && Number.isFinite(ageMs)) {
        metrics.ingestLatencySeconds.observe(ageMs / 1000);
      }
    }
    for (const [topic, n] of counts) metrics.recordsConsumed.inc({ topic }, n);
    for (const lag of batch.lag ?? []) {
      metrics.consumerLag.set({ topic: lag.topic, partition: String(lag.partition) }, lag.messages);
    }
  }
}
