import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import type * as CopyStreams from 'pg-copy-streams';

export interface QueryResult<Row> {
  rows: Row[];
  /** Rows inserted, updated or deleted by the statement (0 for a SELECT on PGlite). */
  rowCount: number;
}

/** The one thing the writer needs from a database: run a parameterised statement. */
export interface SqlExecutor {
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<QueryResult<Row>>;
  /** node-postgres only: `COPY … FROM STDIN` fed with `data` (text format). */
  copyFrom?(statement: string, data: string): Promise<void>;
  /** node-postgres only: runs `sql` once per physical connection (session setup). */
  prepareSession?(sql: string): Promise<void>;
}

/**
 * A tiny database abstraction over node-postgres and PGlite. Statements use only `$n`
 * parameters whose values are strings, numbers, booleans or null, so both drivers treat them the
 * same (arrays travel as PostgreSQL array literals, see pg-array.ts).
 */
export interface SqlClient extends SqlExecutor {
  readonly dialect: 'postgres' | 'pglite';
  /** Runs fn inside BEGIN … COMMIT on one connection; rolls back when fn throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** pg-copy-streams, loaded at the first COPY (only PostgreSQL writers use it), then reused. */
let copyStreams: Promise<typeof CopyStreams> | undefined;
const loadCopyStreams = () => (copyStreams ??= import('pg-copy-streams'));

export function pgPoolClient(pool: pg.Pool, options: { ownsPool?: boolean } = {}): SqlClient {
  const prepared = new WeakMap<pg.PoolClient, Set<string>>();
  return {
    dialect: 'postgres',
    async query<Row>(text: string, params?: unknown[]) {
      const result = await pool.query(text, params);
      return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
    },
    async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      const connection = await pool.connect();
      let broken = false;
      // A server restart while the client is checked out emits 'error' on it; the pool only
      // listens while a client is idle, so without this the process would die instead of
      // failing the transaction (which the writer retries with backoff).
      const onError = (): void => {
        broken = true;
      };
      connection.on('error', onError);
      try {
        await connection.query('BEGIN');
        const result = await fn({
          async query<Row>(text: string, params?: unknown[]) {
            const r = await connection.query(text, params);
            return { rows: r.rows as Row[], rowCount: r.rowCount ?? 0 };
          },
          async copyFrom(statement: string, data: string) {
            const { from: copyFrom } = await loadCopyStreams();
            await pipeline(Readable.from([data]), connection.query(copyFrom(statement)));
          },
          async prepareSession(sql: string) {
            const done = prepared.get(connection) ?? new Set<string>();
            if (done.has(sql)) return;
            await connection.query(sql);
            done.add(sql);
            prepared.set(connection, done);
          },
        });
        await connection.query('COMMIT');
        return result;
      } catch (error) {
        // Session setup done in this transaction is rolled back with it.
        prepared.delete(connection);
        await connection.query('ROLLBACK').catch(() => {
          // A dead connection cannot roll back; destroy it instead of returning it to the pool.
          broken = true;
        });
        throw error;
      } finally {
        connection.off('error', onError);
        connection.release(broken);
      }
    },
    async close() {
      if (options.ownsPool !== false) await pool.end();
    },
  };
}

export function pgliteClient(db: PGlite, options: { ownsDatabase?: boolean } = {}): SqlClient {
  return {
    dialect: 'pglite',
    async query<Row>(text: string, params?: unknown[]) {
      const result = await db.query<Row>(text, params);
      return { rows: result.rows, rowCount: result.affectedRows ?? 0 };
    },
    transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      return db.transaction((tx) =>
        fn({
          async query<Row>(text: string, params?: unknown[]) {
            const result = await tx.query<Row>(text, params);
            return { rows: result.rows, rowCount: result.affectedRows ?? 0 };
          },
        }),
      );
    },
    async close() {
      if (options.ownsDatabase !== false) await db.close();
    },
  };
}
