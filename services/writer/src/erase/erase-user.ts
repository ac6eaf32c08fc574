import type { SqlClient, SqlExecutor } from '../sql-client.js';

/** Where one table holds a user's rows: a WHERE clause over that table, `$1` being the uid. */
interface EraseTarget {
  table: string;
  where: string;
}

/**
 * Every table with a uid column (the event tables, and whatever later migrations add, such as
 * per-user rollups), found in the catalogue so that a new one is not forgotten. Partitions are
 * reached through their parent; erased_users itself is the record of the erase.
 */
const uidTablesSql = `SELECT c.relname AS table
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'uid' AND NOT a.attisdropped
WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition
  AND c.relname <> 'erased_users'
ORDER BY c.relname`;

/**
 * Besides the uid columns: the dedupe claims of the user's chat messages (no uid, but only there
 * because of them), room events whose fields carry the uid, and refused records whose raw body
 * names it (`uid@=N/`, which also matches keys such as receive_uid).
 */
const otherTargets: readonly EraseTarget[] = [
  {
    table: 'chat_message_ids',
    where: `EXISTS (SELECT 1 FROM chat_messages m WHERE m.uid = $1::int8
      AND m.room_id = chat_message_ids.room_id AND m.cid = chat_message_ids.cid)`,
  },
  { table: 'room_events', where: `fields ->> 'uid' = $1::int8::text` },
  {
    table: 'ingest_errors',
    where: `position(convert_to('uid@=' || $1::int8 || '/', 'UTF8') IN raw_value) > 0`,
  },
];

/** The order in which a writer's batch takes its tables; locks taken in it cannot deadlock. */
const WRITE_ORDER = [
  'chat_message_ids',
  'chat_messages',
  'gifts',
  'user_entries',
  'room_events',
  'ingest_errors',
];

async function eraseTargets(db: SqlExecutor): Promise<EraseTarget[]> {
  const tables = (await db.query<{ table: string }>(uidTablesSql)).rows.map(({ table }) => table);
  // The claims go first: they are found through the chat rows deleted after them. Tables derived
  // from the event tables (the daily rollups) go before those: deleting an event row makes the
  // rollups' triggers recount its day, which would remove the user's rollup rows unreported.
  const derived = tables.filter((table) => !WRITE_ORDER.includes(table));
  const events = tables.filter((table) => WRITE_ORDER.includes(table));
  return [...otherTargets, ...derived, ...events].map((target) =>
    typeof target === 'string' ? { table: target, where: 'uid = $1::int8' } : target,
  );
}

/** Rows per table that erasing `uid` deletes (uid as decimal text: the whole int8 range). */
export async function countUserRows(db: SqlExecutor, uid: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const { table, where } of await eraseTargets(db)) {
    const result = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${table} WHERE ${where}`,
      [uid],
    );
    counts.set(table, result.rows[0]?.n ?? 0);
  }
  return counts;
}

function lockOrder(targets: readonly EraseTarget[]): string[] {
  const rank = (table: string): number => {
    const i = WRITE_ORDER.indexOf(table);
    return i < 0 ? WRITE_ORDER.length : i;
  };
  const tables = [...new Set(targets.map((t) => t.table))];
  return [...tables.sort((a, b) => rank(a) - rank(b)), 'erased_users'];
}

/**
 * In one transaction: records the uid in erased_users and deletes the user's rows everywhere.
 * The tables are locked against writers first (SHARE ROW EXCLUSIVE waits for the batches in
 * flight and holds new ones back until the commit), so no batch can slip a row of the user in
 * between the deletes and erased_users becoming visible. Returns the rows deleted per table.
 */
export async function eraseUser(db: SqlClient, uid: string): Promise<Map<string, number>> {
  return db.transaction(async (tx) => {
    const targets = await eraseTargets(tx);
    await tx.query(`LOCK TABLE ${lockOrder(targets).join(', ')} IN SHARE ROW EXCLUSIVE MODE`);
    await tx.query(`INSERT INTO erased_users (uid) VALUES ($1::int8) ON CONFLICT DO NOTHING`, [
      uid,
    ]);
    const deleted = new Map<string, number>();
    for (const { table, where } of targets) {
      const result = await tx.query(`DELETE FROM ${table} WHERE ${where}`, [uid]);
      deleted.set(table, result.rowCount);
    }
    return deleted;
  });
}
