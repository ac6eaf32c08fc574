import type { OffsetCommit, SourceEntry } from '@danmaku/records';
import { messageOf } from './db-errors.js';
import { DEFAULT_MERGE_WINDOW_MS, mergeCopies } from './merge.js';
import { normaliseRaw } from './normalise-raw.js';
import type { PartitionKeeper } from './partitions.js';
import { emptyBatch, errorRow } from './rows.js';
import type { ErrorRow, NormalisedBatch } from './rows.js';
import { normaliseSession } from './session-events.js';
import type { QueryResult, SqlClient, SqlExecutor } from './sql-client.js';
import {
  createStagesSql,
  lockPartitionsParams,
  lockPartitionsSql,
  offsetParams,
  tableLoads,
  upsertOffsetsSql,
} from './statements.js';
import type { TableLoad, TableName } from './statements.js';
import { addUnparsed } from './unparsed-values.js';
import type { UnparsedCounts } from './unparsed-values.js';

export interface BatchWriteResult {
  /** Rows actually inserted (or upserted) per table; redelivered rows count 0. */
  rows: Partial<Record<TableName, number>>;
  /** Rows each table was offered, to count duplicates skipped. */
  offered: Partial<Record<TableName, number>>;
  /** Rows dropped because their user is in erased_users, per table. */
  erased: Partial<Record<TableName, number>>;
  errors: ErrorRow[];
  /** Values of the rows offered that were present but stored NULL, by table.column. */
  unparsed: UnparsedCounts;
}

/** Normalises each entry by kind; what failed to decode becomes an ingest_errors row. Pure. */
export function normaliseRecords(entries: readonly SourceEntry[]): NormalisedBatch {
  const out = emptyBatch();
  for (const entry of entries) {
    if (entry.kind === 'raw') normaliseRaw(entry, out);
    else if (entry.kind === 'session') normaliseSession(entry, out);
    else out.errors.push({ entry, wire: entry.wire, reason: entry.reason, detail: entry.detail });
  }
  return out;
}

interface WriteCounts {
  written: number;
  erased: number;
}

/** How rows reach PostgreSQL: COPY into stage tables (node-postgres), or UNNEST parameters. */
export type InsertMethod = 'copy' | 'unnest';

/**
 * Chat first, then the merge query (merge.ts), then the other tables: the order in which every
 * batch and danmaku_ensure_partitions lock the event tables (chat_messages, gifts, user_entries,
 * room_events). Reading gifts before writing chat deadlocked with partition creation.
 */
async function runStatements(
  tx: SqlExecutor,
  batch: NormalisedBatch,
  result: BatchWriteResult,
  method: InsertMethod,
  mergeWindowMs: number,
): Promise<void> {
  const { chat, ...rest } = batch;
  await runLoads(tx, tableLoads({ ...emptyBatch(), chat }), result, method);
  const merged = await mergeCopies(tx, { ...rest, chat: [] }, mergeWindowMs);
  await runLoads(tx, tableLoads(merged), result, method);
  // A table whose every row was merged away still reports its 0 written, like a redelivery.
  if (batch.gifts.length > 0) result.rows.gifts ??= 0;
  if (batch.entries.length > 0) result.rows.user_entries ??= 0;
  if (batch.events.length > 0) result.rows.room_events ??= 0;
}

async function runLoads(
  tx: SqlExecutor,
  loads: readonly TableLoad[],
  result: BatchWriteResult,
  method: InsertMethod,
): Promise<void> {
  const copy = method === 'copy' ? tx.copyFrom?.bind(tx) : undefined;
  if (copy !== undefined && loads.some((l) => l.copy)) await tx.prepareSession?.(createStagesSql);
  for (const load of loads) {
    let outcome: QueryResult<WriteCounts>;
    if (copy !== undefined && load.copy !== undefined) {
      const staged = load.copy();
      await copy(staged.copy, staged.data);
      outcome = await tx.query<WriteCounts>(staged.insert);
    } else {
      const { text, params } = load.unnest();
      outcome = await tx.query<WriteCounts>(text, params);
    }
    // The event inserts report what they wrote and what they dropped for erased users; the
    // session upsert only its row count.
    const counts = outcome.rows[0];
    const written = counts?.written ?? outcome.rowCount;
    result.rows[load.table] = (result.rows[load.table] ?? 0) + written;
    if (counts !== undefined && counts.erased > 0) {
      result.erased[load.table] = (result.erased[load.table] ?? 0) + counts.erased;
    }
  }
}

function countOffered(batch: NormalisedBatch, result: BatchWriteResult): void {
  const add = (table: TableName, n: number): void => {
    if (n > 0) result.offered[table] = (result.offered[table] ?? 0) + n;
  };
  add('chat_messages', batch.chat.length);
  add('gifts', batch.gifts.length);
  add('user_entries', batch.entries.length);
  add('room_events', batch.events.length);
  add('ingest_errors', batch.errors.length);
}

/**
 * The exactly-once step: every row of the batch and the next offsets, in one transaction. Rows
 * another collector's copy already stored (merge.ts, `mergeWindowMs`) count as offered, not written.
 */
export async function writeBatch(
  db: SqlClient,
  partitions: PartitionKeeper,
  group: string,
  batch: NormalisedBatch,
  commits: readonly OffsetCommit[],
  method: InsertMethod = 'unnest',
  mergeWindowMs = DEFAULT_MERGE_WINDOW_MS,
): Promise<BatchWriteResult> {
  await partitions.ensureFor(batch);
  const result: BatchWriteResult = {
    rows: {},
    offered: {},
    erased: {},
    errors: batch.errors,
    unparsed: batch.unparsed,
  };
  countOffered(batch, result);
  await db.transaction(async (tx) => {
    if (commits.length > 0 && mergeWindowMs > 0)
      await tx.query(lockPartitionsSql, lockPartitionsParams(commits));
    await runStatements(tx, batch, result, method, mergeWindowMs);
    if (commits.length > 0) await tx.query(upsertOffsetsSql, offsetParams(group, commits));
  });
  return result;
}

/**
 * Fallback when PostgreSQL rejects a value the normaliser let through: still one transaction,
 * but each record under its own savepoint; a record PostgreSQL refuses becomes an ingest_errors
 * row (reason database_rejected) and the partition moves on.
 */
export async function writeBatchIsolated(
  db: SqlClient,
  partitions: PartitionKeeper,
  group: string,
  entries: readonly SourceEntry[],
  commits: readonly OffsetCommit[],
  mergeWindowMs = DEFAULT_MERGE_WINDOW_MS,
): Promise<BatchWriteResult> {
  const result: BatchWriteResult = {
    rows: {},
    offered: {},
    erased: {},
    errors: [],
    unparsed: new Map(),
  };
  // DDL outside the transaction: creating a partition inside it would wait on our own locks.
  await partitions.ensureFor(normaliseRecords(entries));
  await db.transaction(async (tx) => {
    if (commits.length > 0 && mergeWindowMs > 0)
      await tx.query(lockPartitionsSql, lockPartitionsParams(commits));
    for (const entry of entries) {
      const single = normaliseRecords([entry]);
      await tx.query('SAVEPOINT record');
      try {
        await runStatements(tx, single, result, 'unnest', mergeWindowMs);
        await tx.query('RELEASE SAVEPOINT record');
        result.errors.push(...single.errors);
        addUnparsed(result.unparsed, single.unparsed);
        countOffered(single, result);
      } catch (error) {
        await tx.query('ROLLBACK TO SAVEPOINT record');
        const rejected = emptyBatch();
        rejected.errors.push(errorRow(entry, 'database_rejected', messageOf(error).slice(0, 1000)));
        await runStatements(tx, rejected, result, 'unnest', mergeWindowMs);
        result.errors.push(...rejected.errors);
        countOffered(rejected, result);
      }
    }
    if (commits.length > 0) await tx.query(upsertOffsetsSql, offsetParams(group, commits));
  });
  return result;
}
