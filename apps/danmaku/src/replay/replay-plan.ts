import type { SqlExecutor } from '@danmaku/writer';
import type { Admin } from 'kafkajs';

/** Tables whose rows carry the raw record they came from as (source_partition, source_offset). */
export const SOURCED_TABLES = [
  'chat_messages',
  'chat_message_ids',
  'gifts',
  'user_entries',
  'room_events',
] as const;

export interface PartitionPlan {
  partition: number;
  /** First offset to read again (clamped to the oldest offset Kafka still has). */
  from: bigint;
  /** What was asked for, before clamping. */
  requested: bigint;
  /** High watermark when the plan was made: replay is done when the writer reaches it. */
  end: bigint;
  /** Next offset stored in ingest_offsets for the group, if any. */
  stored: bigint | undefined;
}

export type ReplayStart = { offset: bigint } | { timestampMs: number };

/** Per partition of the raw topic: where to start again and where the log ends now. */
export async function planReplay(
  admin: Admin,
  topic: string,
  start: ReplayStart,
  stored: Map<number, bigint>,
  only: ReadonlySet<number> | undefined,
): Promise<PartitionPlan[]> {
  const bounds = await admin.fetchTopicOffsets(topic);
  const byTime =
    'timestampMs' in start
      ? new Map(
          (await admin.fetchTopicOffsetsByTimestamp(topic, start.timestampMs)).map((p) => [
            p.partition,
            BigInt(p.offset),
          ]),
        )
      : undefined;
  return bounds
    .filter((p) => only === undefined || only.has(p.partition))
    .sort((a, b) => a.partition - b.partition)
    .map((p) => {
      const low = BigInt(p.low);
      const end = BigInt(p.high);
      const asked = byTime?.get(p.partition) ?? ('offset' in start ? start.offset : end);
      const requested = asked < 0n ? end : asked;
      const from = requested < low ? low : requested > end ? end : requested;
      return { partition: p.partition, from, requested, end, stored: stored.get(p.partition) };
    });
}

/** Rows that the replay deletes and writes again, per table. */
export async function countAffectedRows(
  db: SqlExecutor,
  topic: string,
  plan: readonly PartitionPlan[],
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of [...SOURCED_TABLES, 'ingest_errors'] as const) {
    let total = 0;
    for (const p of plan) {
      const { text, params } = selectRange(table, topic, p);
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
 * In one transaction: delete every row that came from the replayed range and move the group's
 * stored offsets back to its start, so that the writer (which seeks to stored offsets on
 * assignment) reads the range again and writes it with the current normaliser.
 */
export async function rewind(
  db: { transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> },
  group: string,
  topic: string,
  plan: readonly PartitionPlan[],
): Promise<void> {
  await db.transaction(async (tx) => {
    for (const p of plan) {
      for (const table of [...SOURCED_TABLES, 'ingest_errors'] as const) {
        const { text, params } = selectRange(table, topic, p);
        await tx.query(`DELETE FROM ${text}`, params);
      }
      await tx.query(
        `INSERT INTO ingest_offsets (consumer_group, topic, "partition", next_offset, updated_at)
         VALUES ($1, $2, $3, $4, now())
         ON CONFLICT (consumer_group, topic, "partition")
         DO UPDATE SET next_offset = EXCLUDED.next_offset, updated_at = now()`,
        [group, topic, p.partition, p.from.toString()],
      );
    }
  });
}

function selectRange(
  table: (typeof SOURCED_TABLES)[number] | 'ingest_errors',
  topic: string,
  p: PartitionPlan,
): { text: string; params: unknown[] } {
  if (table === 'ingest_errors') {
    return {
      text: `ingest_errors WHERE topic = $1 AND "partition" = $2 AND "offset" >= $3`,
      params: [topic, p.partition, p.from.toString()],
    };
  }
  return {
    text: `${table} WHERE source_partition = $1 AND source_offset >= $2`,
    params: [p.partition, p.from.toString()],
  };
}
