import type { OffsetCommit } from '@danmaku/records';
import {
  columnNames,
  encodeColumns,
  encodeCopyRows,
  selectList,
  stageColumns,
  unnestFrom,
} from './columns.js';
import type { Column } from './columns.js';
import { numberArray, textArray } from './pg-array.js';
import type { NormalisedBatch } from './rows.js';
import { aggregateSessions } from './session-events.js';
import {
  chatColumns,
  entryColumns,
  errorColumns,
  eventColumns,
  giftColumns,
  sessionColumns,
} from './table-columns.js';

export type TableName =
  'chat_messages' | 'gifts' | 'user_entries' | 'room_events' | 'collect_sessions' | 'ingest_errors';

/**
 * How a staged row names an erased user (erased_users.uid): the uid column, the uid in a room
 * event's fields, or `uid@=N/` anywhere in the raw body of an ingest error.
 */
const erasedTest = {
  uid: 'e.uid = src.uid',
  fields: `e.uid = CASE WHEN src.fields::jsonb ->> 'uid' ~ '^[0-9]{1,18}$'
    THEN (src.fields::jsonb ->> 'uid')::int8 END`,
  body: `position(convert_to('uid@=' || e.uid || '/', 'UTF8') IN decode(src.raw_value, 'hex')) > 0`,
} as const;
type ErasedTest = keyof typeof erasedTest;

/**
 * The rows of `from` as `t`, without those of erased users; the statement that follows returns
 * one row: `written` (what the INSERT stored) and `erased` (what it dropped for erased_users).
 * The check is SQL in the same transaction, so an erase is exact at once, with no cache to expire.
 */
const keptRows = (from: string, test: ErasedTest): string => `WITH src AS (SELECT * FROM ${from}),
t AS (SELECT * FROM src WHERE NOT EXISTS (SELECT 1 FROM erased_users e WHERE ${erasedTest[test]}))`;

const counted = `SELECT (SELECT count(*) FROM written)::int AS written,
  ((SELECT count(*) FROM src) - (SELECT count(*) FROM t))::int AS erased`;

/** Plain insert; the (partition, offset, received_at) key makes a redelivered row a no-op. */
function insertIgnoring<Row>(
  table: string,
  columns: readonly Column<Row>[],
  from: string,
  test: ErasedTest,
): string {
  return `${keptRows(from, test)},
written AS (
  INSERT INTO ${table} (${columnNames(columns)})
  SELECT ${selectList(columns)} FROM t
  ON CONFLICT DO NOTHING
  RETURNING 1
)
${counted}`;
}

/**
 * Chat rows first claim (room_id, cid) in chat_message_ids; only the rows that claimed it (or
 * carry no cid) are inserted, so a second collector's copy, in this batch or any later one, is
 * dropped. Rows are matched back by their source coordinate, unique within a batch.
 */
const chatSql = (from: string): string => `${keptRows(from, 'uid')},
claimed AS (
  INSERT INTO chat_message_ids (room_id, cid, received_at, source_partition, source_offset)
  SELECT t.room_id, t.cid, to_timestamp(t.received_at::float8 / 1000), t.source_partition, t.source_offset
  FROM t WHERE t.cid <> ''
  ON CONFLICT DO NOTHING
  RETURNING source_partition, source_offset
),
written AS (
  INSERT INTO chat_messages (${columnNames(chatColumns)})
  SELECT ${selectList(chatColumns)} FROM t
  WHERE t.cid = '' OR EXISTS (
    SELECT 1 FROM claimed c WHERE c.source_partition = t.source_partition AND c.source_offset = t.source_offset
  )
  ON CONFLICT DO NOTHING
  RETURNING 1
)
${counted}`;

/** Each lifecycle step keeps its earliest time and the count only grows: replaying is a no-op. */
const sessionsSql = `INSERT INTO collect_sessions (${columnNames(sessionColumns)}, updated_at)
SELECT ${selectList(sessionColumns)}, now() FROM ${unnestFrom(sessionColumns)}
ON CONFLICT (session_id) DO UPDATE SET
  connecting_at = least(collect_sessions.connecting_at, excluded.connecting_at),
  connected_at = least(collect_sessions.connected_at, excluded.connected_at),
  logged_in_at = least(collect_sessions.logged_in_at, excluded.logged_in_at),
  close_reason = CASE
    WHEN excluded.closed_at IS NOT NULL
     AND (collect_sessions.closed_at IS NULL OR excluded.closed_at < collect_sessions.closed_at)
    THEN excluded.close_reason ELSE collect_sessions.close_reason END,
  closed_at = least(collect_sessions.closed_at, excluded.closed_at),
  messages = greatest(collect_sessions.messages, excluded.messages),
  updated_at = now()`;

const stageName = (table: TableName): string => `danmaku_stage_${table}`;
const staged = (table: TableName): string => `${stageName(table)} AS t`;

/** SQL per table, built once: from unnest parameters, and from its COPY stage table. */
const sqlFor: Record<TableName, { unnest: string; stage?: string }> = {
  chat_messages: {
    unnest: chatSql(unnestFrom(chatColumns)),
    stage: chatSql(staged('chat_messages')),
  },
  gifts: {
    unnest: insertIgnoring('gifts', giftColumns, unnestFrom(giftColumns), 'uid'),
    stage: insertIgnoring('gifts', giftColumns, staged('gifts'), 'uid'),
  },
  user_entries: {
    unnest: insertIgnoring('user_entries', entryColumns, unnestFrom(entryColumns), 'uid'),
    stage: insertIgnoring('user_entries', entryColumns, staged('user_entries'), 'uid'),
  },
  room_events: {
    unnest: insertIgnoring('room_events', eventColumns, unnestFrom(eventColumns), 'fields'),
    stage: insertIgnoring('room_events', eventColumns, staged('room_events'), 'fields'),
  },
  collect_sessions: { unnest: sessionsSql },
  ingest_errors: {
    unnest: insertIgnoring('ingest_errors', errorColumns, unnestFrom(errorColumns), 'body'),
  },
};

const stagedTables = [
  ['chat_messages', chatColumns],
  ['gifts', giftColumns],
  ['user_entries', entryColumns],
  ['room_events', eventColumns],
] as const;

/** The COPY stage tables (temporary, per connection, emptied by every commit). */
export const createStagesSql = stagedTables
  .map(
    ([table, columns]) =>
      `CREATE TEMP TABLE IF NOT EXISTS ${stageName(table)} ` +
      `(${stageColumns(columns as readonly Column<never>[])}) ON COMMIT DELETE ROWS`,
  )
  .join(';\n');

/** One table's share of a batch: written by UNNEST, or (node-postgres) COPY into a stage table. */
export interface TableLoad {
  table: TableName;
  rows: number;
  /** INSERT … SELECT FROM unnest($1, …) with one array literal per column. */
  unnest(): { text: string; params: unknown[] };
  /** COPY into the stage table, then INSERT … SELECT from it; absent for upserted tables. */
  copy?: () => { copy: string; data: string; insert: string };
}

/** The batch's rows per table, in the order they are written. */
export function tableLoads(batch: NormalisedBatch): TableLoad[] {
  const out: TableLoad[] = [];
  const add = <Row>(
    table: TableName,
    columns: readonly Column<Row>[],
    rows: readonly Row[],
  ): void => {
    if (rows.length === 0) return;
    const { unnest, stage } = sqlFor[table];
    const load: TableLoad = {
      table,
      rows: rows.length,
      unnest: () => ({ text: unnest, params: encodeColumns(columns, rows) }),
    };
    if (stage !== undefined) {
      const copy = `COPY ${stageName(table)} (${columnNames(columns)}) FROM STDIN`;
      load.copy = () => ({ copy, data: encodeCopyRows(columns, rows), insert: stage });
    }
    out.push(load);
  };
  add('chat_messages', chatColumns, batch.chat);
  add('gifts', giftColumns, batch.gifts);
  add('user_entries', entryColumns, batch.entries);
  add('room_events', eventColumns, batch.events);
  add('collect_sessions', sessionColumns, aggregateSessions(batch.sessions));
  add('ingest_errors', errorColumns, batch.errors);
  return out;
}

/**
 * Serialises the transactions that write one partition of one topic, whichever writer or group
 * runs them (a writer that lost the partition in a rebalance may still be committing): the content
 * merge reads what is stored, and two transactions racing on the same records could each miss the
 * other's uncommitted copy. Taken first, in (topic, partition) order, so it cannot deadlock.
 */
export const lockPartitionsSql = `SELECT pg_advisory_xact_lock(hashtext(t.topic), t."partition")
FROM unnest($1::text[], $2::int4[]) AS t(topic, "partition")
ORDER BY t.topic, t."partition"`;

export function lockPartitionsParams(commits: readonly OffsetCommit[]): unknown[] {
  return [textArray(commits.map((c) => c.topic)), numberArray(commits.map((c) => c.partition))];
}

/** Moves the stored offsets forward only: a zombie writer cannot rewind them. */
export const upsertOffsetsSql = `INSERT INTO ingest_offsets (consumer_group, topic, "partition", next_offset, updated_at)
SELECT $1, t.topic, t."partition", t.next_offset, now()
FROM unnest($2::text[], $3::int4[], $4::int8[]) AS t(topic, "partition", next_offset)
ON CONFLICT (consumer_group, topic, "partition") DO UPDATE
SET next_offset = excluded.next_offset, updated_at = excluded.updated_at
WHERE ingest_offsets.next_offset < excluded.next_offset`;

export function offsetParams(group: string, commits: readonly OffsetCommit[]): unknown[] {
  return [
    group,
    textArray(commits.map((c) => c.topic)),
    numberArray(commits.map((c) => c.partition)),
    numberArray(commits.map((c) => c.nextOffset)),
  ];
}

export const readOffsetsSql = `SELECT "partition", next_offset::text AS next_offset
FROM ingest_offsets WHERE consumer_group = $1 AND topic = $2`;
