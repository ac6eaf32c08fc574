import type { SqlClient, SqlExecutor } from '@danmaku/writer/database';

/** Rows per FETCH: one CSV/NDJSON write and one Parquet row group each. */
export const DEFAULT_BATCH_ROWS = 10_000;

/** One FETCH: each row's values as text (or NULL), in column order. */
export type TextRow = readonly (string | null)[];

export interface CursorOptions {
  select: { text: string; params: unknown[] };
  columns: number;
  batchRows?: number;
  /** Called before the first FETCH, in the cursor's snapshot (for a progress bar's total). */
  onStart?: (tx: SqlExecutor) => Promise<void>;
  /** Awaited before the next FETCH: the sink's back-pressure holds the cursor. */
  onBatch: (rows: TextRow[]) => Promise<void>;
}

/**
 * Streams a SELECT through a server-side cursor in a read-only transaction, `batchRows` rows at a
 * time, so memory holds one batch whatever the table's size. The same SQL runs on PostgreSQL and
 * on PGlite. Returns the rows read.
 */
export async function streamCursor(client: SqlClient, options: CursorOptions): Promise<number> {
  const batchRows = options.batchRows ?? DEFAULT_BATCH_ROWS;
  return client.transaction(async (tx) => {
    await tx.query('SET TRANSACTION READ ONLY');
    // Dates compare with the bounds as UTC days, whatever the server's time zone.
    await tx.query(`SET LOCAL TimeZone = 'UTC'`);
    await options.onStart?.(tx);
    await tx.query(
      `DECLARE danmaku_export NO SCROLL CURSOR FOR ${options.select.text}`,
      options.select.params,
    );
    let total = 0;
    for (;;) {
      const result = await tx.query<Record<string, string | null>>(
        `FETCH FORWARD ${batchRows} FROM danmaku_export`,
      );
      if (result.rows.length === 0) break;
      const rows = result.rows.map((row) => rowValues(row, options.columns));
      total += rows.length;
      await options.onBatch(rows);
      if (result.rows.length < batchRows) break;
    }
    await tx.query('CLOSE danmaku_export');
    return total;
  });
}

function rowValues(row: Record<string, string | null>, columns: number): TextRow {
  const values = new Array<string | null>(columns);
  for (let i = 0; i < columns; i++) values[i] = row[`c${i}`] ?? null;
  return values;
}
