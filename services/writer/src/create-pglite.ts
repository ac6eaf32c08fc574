import type { PGlite, PGliteOptions } from '@electric-sql/pglite';

/**
 * Opens PGlite (in `dataDir`, or in memory) with the extensions the migrations create: pg_trgm,
 * whose trigram index serves `danmaku search`. A PGlite opened without it cannot run the
 * migration's CREATE EXTENSION, nor use the index of a database that has it, so every PGlite
 * that holds a danmaku database is opened here. Imported when called: a PostgreSQL command
 * never loads PGlite's WASM.
 */
export async function createPglite(
  dataDir?: string,
  options: Omit<PGliteOptions, 'dataDir'> = {},
): Promise<PGlite> {
  const [{ PGlite }, { pg_trgm }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
  ]);
  return PGlite.create(dataDir, { ...options, extensions: { ...options.extensions, pg_trgm } });
}
