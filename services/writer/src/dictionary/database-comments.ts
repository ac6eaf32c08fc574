import type { SqlExecutor } from '../sql-client.js';

/** A table or view of the database as its catalogue describes it. */
export interface DatabaseRelation {
  relation: string;
  kind: 'table' | 'view';
  comment: string | null;
  columns: { column: string; type: string; comment: string | null }[];
}

// Partitions (relispartition) are left out: they inherit no comment, and the parents say it all.
const relationsSql = `
SELECT c.relname AS relation,
       CASE WHEN c.relkind = 'v' THEN 'view' ELSE 'table' END AS kind,
       obj_description(c.oid, 'pg_class') AS comment
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v') AND NOT c.relispartition
ORDER BY c.relname`;

const columnsSql = `
SELECT c.relname AS relation, a.attname AS column,
       format_type(a.atttypid, a.atttypmod) AS type,
       col_description(c.oid, a.attnum) AS comment
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v') AND NOT c.relispartition
  AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY c.relname, a.attnum`;

/** Every table and view of the current schema with its columns and their comments. */
export async function readDatabaseComments(db: SqlExecutor): Promise<DatabaseRelation[]> {
  const relations = await db.query<Omit<DatabaseRelation, 'columns'>>(relationsSql);
  const columns = await db.query<DatabaseRelation['columns'][number] & { relation: string }>(
    columnsSql,
  );
  return relations.rows.map((r) => ({
    ...r,
    columns: columns.rows
      .filter((c) => c.relation === r.relation)
      .map(({ column, type, comment }) => ({ column, type, comment })),
  }));
}
