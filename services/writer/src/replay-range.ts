import type { SqlExecutor } from './sql-client.js';

/** Tables whose rows carry the raw record they came from as (source_partition, source_offset). */
export const SOURCED_TABLES = [
  'chat_messages',
  'chat_message_ids',
  'gifts',
  'user_entries',
  'room_events',
] as const;

type ReplayedTable = (typeof SOURCED_TABLES)[number] | 'ingest_errors';

/** From `fromOffset` on, a partition of the raw topic is read and written again. */
export interface ReplayRange {
  partition: number;
  fromOffset: bigint;
}

/** Rows that a replay of `ranges` deletes and writes again, per table (ingest_errors included). */
export async function countReplayedRows(
  db: SqlExecutor,
  topic: string,
  ranges: readonly ReplayRange[],
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of [...SOURCED_TABLES, 'ingest_errors'] as const) {
    let total = 0;
    for (const range of ranges) {
      const { text, params } = rowsFrom(table, topic, range);
      const result = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${text}`,
        params,
      );
      total += result.rows[0]?.n ?? 0;
    }
    counts[table] = total;
  }
  return counts;
}

/**
 * In one transaction: delete every row that came from the replayed ranges and move the group's
 * stored offsets back to their start, so that the writer (which seeks to stored offsets on
 * assignment) reads the ranges again and writes them with the current normaliser.
 * The daily rollups follow without code here: the event tables' DELETE triggers recount, in this
 * transaction, the room-days the deleted rows were on, and the rewrite adds the rows again.
 */
export async function rewindToReplay(
  db: { transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> },
  group: string,
  topic: string,
  ranges: readonly ReplayRange[],
): Promise<void> {
  await db.transaction(async (tx) => {
    for (const range of ranges) {
      for (const table of [...SOURCED_TABLES, 'ingest_errors'] as const) {
        const { text, params } = rowsFrom(table, topic, range);
        await tx.query(`DELETE FROM ${text}`, params);
      }
      await tx.query(
        `INSERT INTO ingest_offsets (consumer_group, topic, "partition", next_offset, updated_at)
         VALUES ($1, $2, $3, $4, now())
         ON CONFLICT (consumer_group, topic, "partition")
         DO UPDATE SET next_offset = EXCLUDED.next_offset, updated_at = now()`,
        [group, topic, range.partition, range.fromOffset.toString()],
      );
    }
  });
}

function rowsFrom(
  table: ReplayedTable,
  topic: string,
  range: ReplayRange,
): { text: string; params: unknown[] } {
  if (table === 'ingest_errors') {
    return {
      text: `ingest_errors WHERE topic = $1 AND "partition" = $2 AND "offset" >= $3`,
      params: [topic, range.partition, range.fromOffset.toString()],
    };
  }
  return {
    text: `${table} WHERE source_partition = $1 AND source_offset >= $2`,
    params: [range.partition, range.fromOffset.toString()],
  };
}
