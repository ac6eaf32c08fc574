// The ceiling: the same rows, parsed before the clock starts, written by hand-written SQL with the
// same guarantees as the writer (one transaction per batch: rows with ON CONFLICT dedupe, chat
// claimed on (room, cid), next offset upserted): COPY into temporary stage tables followed by
// INSERT … SELECT. The benchmark runs one of these per partition, on its own connection.
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { normaliseRecords } from '@danmaku/writer';

type Batch = ReturnType<typeof normaliseRecords>;
type Value = string | number | boolean | null;
interface Col<R> {
  name: string;
  type: string;
  get: (r: R) => Value;
}
interface Table<R> {
  name: string;
  cols: Col<R>[];
  rows: (b: Batch) => R[];
}
type Src = { receivedAtMs: number; roomId: number; sourcePartition: number; sourceOffset: string };

const src = <R extends Src>(): Col<R>[] => [
  { name: 'received_at', type: 'int8', get: (r) => r.receivedAtMs },
  { name: 'room_id', type: 'int4', get: (r) => r.roomId },
  { name: 'source_partition', type: 'int4', get: (r) => r.sourcePartition },
  { name: 'source_offset', type: 'int8', get: (r) => r.sourceOffset },
];
type Chat = Batch['chat'][number];
type Gift = Batch['gifts'][number];
type Entry = Batch['entries'][number];
type Event = Batch['events'][number];
const json = (f: Record<string, string>) => JSON.stringify(f);

const tables = [
  {
    name: 'chat_messages',
    rows: (b: Batch) => b.chat,
    cols: [
      ...src<Chat>(),
      ...(['cid', 'nickname', 'text', 'badgeName'] as const).map((k) => ({
        name: snake(k),
        type: 'text',
        get: (r: Chat) => r[k],
      })),
      ...(
        ['level', 'badgeLevel', 'badgeRoomId', 'nobleLevel', 'colour', 'clientType'] as const
      ).map((k) => ({
        name: snake(k),
        type: 'int4',
        get: (r: Chat) => r[k],
      })),
      { name: 'uid', type: 'int8', get: (r: Chat) => r.uid },
      { name: 'sent_at', type: 'int8', get: (r: Chat) => r.sentAtMs },
      { name: 'is_robot', type: 'bool', get: (r: Chat) => r.isRobot },
      { name: 'is_cross_room', type: 'bool', get: (r: Chat) => r.isCrossRoom },
      { name: 'fields', type: 'jsonb', get: (r: Chat) => json(r.fields) },
    ],
  } satisfies Table<Chat>,
  {
    name: 'gifts',
    rows: (b: Batch) => b.gifts,
    cols: [
      ...src<Gift>(),
      ...(['level', 'giftId', 'giftCount', 'comboHits', 'badgeLevel', 'badgeRoomId'] as const).map(
        (k) => ({
          name: snake(k),
          type: 'int4',
          get: (r: Gift) => r[k],
        }),
      ),
      { name: 'uid', type: 'int8', get: (r: Gift) => r.uid },
      { name: 'nickname', type: 'text', get: (r: Gift) => r.nickname },
      { name: 'badge_name', type: 'text', get: (r: Gift) => r.badgeName },
      { name: 'is_cross_room', type: 'bool', get: (r: Gift) => r.isCrossRoom },
      { name: 'fields', type: 'jsonb', get: (r: Gift) => json(r.fields) },
    ],
  } satisfies Table<Gift>,
  {
    name: 'user_entries',
    rows: (b: Batch) => b.entries,
    cols: [
      ...src<Entry>(),
      { name: 'uid', type: 'int8', get: (r: Entry) => r.uid },
      { name: 'nickname', type: 'text', get: (r: Entry) => r.nickname },
      { name: 'level', type: 'int4', get: (r: Entry) => r.level },
      { name: 'noble_level', type: 'int4', get: (r: Entry) => r.nobleLevel },
      { name: 'is_cross_room', type: 'bool', get: (r: Entry) => r.isCrossRoom },
      { name: 'fields', type: 'jsonb', get: (r: Entry) => json(r.fields) },
    ],
  } satisfies Table<Entry>,
  {
    name: 'room_events',
    rows: (b: Batch) => b.events,
    cols: [
      ...src<Event>(),
      { name: 'type', type: 'text', get: (r: Event) => r.type },
      { name: 'is_cross_room', type: 'bool', get: (r: Event) => r.isCrossRoom },
      { name: 'fields', type: 'jsonb', get: (r: Event) => json(r.fields) },
      { name: 'body', type: 'text', get: (r: Event) => r.body },
    ],
  } satisfies Table<Event>,
] as Table<unknown>[];

function snake(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

const expr = (c: { name: string; type: string }) =>
  c.name === 'received_at' || c.name === 'sent_at'
    ? `to_timestamp(s.${c.name}::float8 / 1000)`
    : `s.${c.name}`;

/** INSERT … SELECT from a relation `s` with the table's columns; chat claims its cids first. */
function insertFrom(table: Table<unknown>, relation: string): string {
  const names = table.cols.map((c) => c.name).join(', ');
  const select = table.cols.map(expr).join(', ');
  if (table.name !== 'chat_messages') {
    return `INSERT INTO ${table.name} (${names}) SELECT ${select} FROM ${relation} AS s ON CONFLICT DO NOTHING`;
  }
  return `WITH s AS (SELECT * FROM ${relation} AS r), claimed AS (
    INSERT INTO chat_message_ids (room_id, cid, received_at, source_partition, source_offset)
    SELECT room_id, cid, to_timestamp(received_at::float8 / 1000), source_partition, source_offset FROM s WHERE cid <> ''
    ON CONFLICT DO NOTHING RETURNING source_partition, source_offset)
  INSERT INTO chat_messages (${names}) SELECT ${select} FROM s
  WHERE s.cid = '' OR (s.source_partition, s.source_offset) IN (SELECT source_partition, source_offset FROM claimed)
  ON CONFLICT DO NOTHING`;
}

const offsetsSql = `INSERT INTO ingest_offsets (consumer_group, topic, partition, next_offset)
  VALUES ('ceiling', 'raw', $1, $2) ON CONFLICT (consumer_group, topic, partition)
  DO UPDATE SET next_offset = excluded.next_offset, updated_at = now() WHERE ingest_offsets.next_offset < excluded.next_offset`;

export interface PreparedBatch {
  batch: Batch;
  /** Raw records in the batch (each one row). */
  records: number;
  partition: number;
  nextOffset: string;
}

const copyText = (v: Value): string =>
  v === null
    ? '\\N'
    : typeof v === 'boolean'
      ? v
        ? 't'
        : 'f'
      : String(v).replace(
          /[\\\t\n\r]/g,
          (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c] ?? c,
        );

/** COPY each table's rows into a temporary stage table, then INSERT … SELECT with the same dedupe. */
export async function createStageTables(client: pg.Client): Promise<void> {
  for (const t of tables) {
    const cols = t.cols.map((c) => `${c.name} ${c.type}`).join(', ');
    await client.query(
      `CREATE TEMP TABLE IF NOT EXISTS stage_${t.name} (${cols}) ON COMMIT DELETE ROWS`,
    );
  }
}

/** Writes the batches in order (stage tables created first); `committed` hears of each commit. */
export async function writeCopy(
  client: pg.Client,
  batches: PreparedBatch[],
  committed: (records: number) => void,
): Promise<void> {
  for (const { batch, partition, nextOffset, records } of batches) {
    await client.query('BEGIN');
    for (const t of tables) {
      const rows = t.rows(batch);
      if (rows.length === 0) continue;
      const lines = rows.map((r) => t.cols.map((c) => copyText(c.get(r))).join('\t') + '\n');
      await pipeline(
        Readable.from([lines.join('')]),
        client.query(copyFrom(`COPY stage_${t.name} FROM STDIN`)),
      );
      await client.query(insertFrom(t, `stage_${t.name}`));
    }
    await client.query(offsetsSql, [partition, nextOffset]);
    await client.query('COMMIT');
    committed(records);
  }
}
