// The merge of redundant capture: two collectors holding one room send the same server
// broadcasts, each as its own Kafka record (same partition, different offsets, receive times a
// few milliseconds apart). Chat merges by (room, cid) in chat_message_ids (statements.ts); every
// other type by content here. The rule, exact and independent of how records fall into batches:
//
//   In offset order, a gift, user entry or room event is stored unless a row of the same table
//   and room, with a body of the same 64-bit hash, received by another connection (session_key),
//   is already stored with |Δ received_at| < window.
//
// "Another connection": one connection receives each broadcast once, so two equal bodies of one
// session are two messages however close (a backlog read after a pause arrives compressed). A session's own replies (loginres, keeplive, mrkl, pingreq, error) carry no hash and
//   are always stored: they are not broadcasts.
//
// "Already stored" is the table itself (index *_content_key_idx), so the merge state commits in
// the batch's transaction, survives kill -9, and lives and is dropped with the partitions. A
// replay finds every record it re-reads merged with itself or with the copy that was kept.
import { numberArray } from './pg-array.js';
import type { ContentKeyed, NormalisedBatch } from './rows.js';
import type { SqlExecutor } from './sql-client.js';

/**
 * Collector clock skew (NTP: tens of ms) plus replica delivery skew (the same broadcast reaches
 * two connections ms to a few hundred ms apart) with room to spare; small, because the same body
 * sent twice for real within the window is stored once. See RELIABILITY.md.
 */
export const DEFAULT_MERGE_WINDOW_MS = 2_000;

const MERGED_TABLES = ['gifts', 'user_entries', 'room_events'] as const;

/**
 * The offered rows (table index t, 1-based position i) that already have a stored twin. $14 and
 * $15 bound the whole batch (earliest − window, latest + window) so the planner reads only the
 * daily partitions the batch can touch, not every partition's index once per row.
 */
const storedTwinsSql = MERGED_TABLES.map(
  (table, t) => `SELECT ${t} AS t, k.i::int AS i
FROM unnest($${4 * t + 2}::int4[], $${4 * t + 3}::int8[], $${4 * t + 4}::int8[], $${4 * t + 5}::int8[])
  WITH ORDINALITY AS k(room_id, content_hash, received_ms, session_key, i)
WHERE EXISTS (
  SELECT 1 FROM ${table} s
  WHERE s.room_id = k.room_id AND s.content_hash = k.content_hash
    AND s.session_key IS DISTINCT FROM k.session_key
    AND s.received_at > to_timestamp((k.received_ms - $1)::float8 / 1000)
    AND s.received_at < to_timestamp((k.received_ms + $1)::float8 / 1000)
    AND s.received_at > to_timestamp($14::float8 / 1000)
    AND s.received_at < to_timestamp($15::float8 / 1000))`,
).join('\nUNION ALL\n');

/**
 * The rows to store, in order: those without a stored twin (`hasStoredTwin`) and without an
 * earlier kept row of this batch within the window (first wins). Pure.
 */
export function firstCopies<Row extends ContentKeyed>(
  rows: readonly Row[],
  hasStoredTwin: ReadonlySet<number>,
  windowMs: number,
): Row[] {
  const kept: Row[] = [];
  // Rows kept in this batch per room and hash: bounded by the batch.
  const keptTimes = new Map<string, Array<{ atMs: number; session: string }>>();
  for (let i = 0; i < rows.length; i++) {
    if (hasStoredTwin.has(i)) continue;
    const row = rows[i] as Row;
    if (row.contentHash === null) {
      kept.push(row);
      continue;
    }
    const key = `${row.roomId}/${row.contentHash}`;
    const times = keptTimes.get(key);
    const copyOf = (t: { atMs: number; session: string }): boolean =>
      t.session !== row.sessionKey && Math.abs(t.atMs - row.receivedAtMs) < windowMs;
    if (times?.some(copyOf) === true) continue;
    if (times === undefined)
      keptTimes.set(key, [{ atMs: row.receivedAtMs, session: row.sessionKey }]);
    else times.push({ atMs: row.receivedAtMs, session: row.sessionKey });
    kept.push(row);
  }
  return kept;
}

/**
 * The batch without the second copies of its gifts, entries and events; one query, in the
 * transaction that stores the rest. `windowMs` 0 turns the merge off (one collector per room).
 */
export async function mergeCopies(
  tx: SqlExecutor,
  batch: NormalisedBatch,
  windowMs: number,
): Promise<NormalisedBatch> {
  const tables = [batch.gifts, batch.entries, batch.events] as const;
  if (windowMs <= 0 || tables.every((rows) => rows.length === 0)) return batch;
  const params: unknown[] = [windowMs];
  for (const rows of tables) {
    params.push(
      numberArray(rows.map((r) => r.roomId)),
      numberArray(rows.map((r) => r.contentHash)),
      numberArray(rows.map((r) => r.receivedAtMs)),
      numberArray(rows.map((r) => r.sessionKey)),
    );
  }
  let earliest = Infinity;
  let latest = -Infinity;
  for (const rows of tables) {
    for (const r of rows) {
      if (r.receivedAtMs < earliest) earliest = r.receivedAtMs;
      if (r.receivedAtMs > latest) latest = r.receivedAtMs;
    }
  }
  params.push(earliest - windowMs, latest + windowMs);
  const twins = tables.map(() => new Set<number>());
  const result = await tx.query<{ t: number; i: number }>(storedTwinsSql, params);
  for (const { t, i } of result.rows) twins[t]?.add(i - 1);
  return {
    ...batch,
    gifts: firstCopies(batch.gifts, twins[0] as Set<number>, windowMs),
    entries: firstCopies(batch.entries, twins[1] as Set<number>, windowMs),
    events: firstCopies(batch.events, twins[2] as Set<number>, windowMs),
  };
}
