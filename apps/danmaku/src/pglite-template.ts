import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { extractTarGz } from './extract-tar-gz.js';
import {
  createPglite,
  defaultMigrationsFolder,
  migrate,
  openDatabase,
  pgliteDatabase,
  type Database,
} from '@danmaku/writer/database';
import type { WriterConfig } from '@danmaku/writer/settings';

/**
 * A freshly initialised and migrated PGlite data directory as a tarball, kept in a cache
 * directory. PGlite's first start runs initdb (several seconds of CPU) and the migrations (about
 * half a second); restoring the tarball takes about a second. The name carries a hash of PGlite's
 * build and of the migrations, so another PGlite version or schema never restores a stale
 * directory. Migrations still run after the restore, as on any start, and find nothing to do.
 */
export function templatePath(env: Record<string, string | undefined>): string {
  const cache =
    nonEmpty(env['DANMAKU_CACHE_DIR']) ??
    join(nonEmpty(env['XDG_CACHE_HOME']) ?? join(homedir(), '.cache'), 'danmaku');
  return join(cache, `pglite-${pgliteBuildId()}.tgz`);
}

/** An empty variable is unset, as compose templates like `${DANMAKU_CACHE_DIR:-}` give it. */
function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function pgliteBuildId(): string {
  const initdb = fileURLToPath(import.meta.resolve('@electric-sql/pglite/initdb.wasm'));
  const postgres = fileURLToPath(import.meta.resolve('@electric-sql/pglite/pglite.wasm'));
  const hash = createHash('sha256').update(readFileSync(initdb)).update(readFileSync(postgres));
  const migrations = readdirSync(defaultMigrationsFolder).filter((name) => name.endsWith('.sql'));
  for (const name of migrations.sort()) {
    hash.update(name).update(readFileSync(join(defaultMigrationsFolder, name)));
  }
  return hash.digest('hex').slice(0, 16);
}

/** Writes the template (initdb in memory, then a gzip dump); returns its path. */
export async function writeTemplate(env: Record<string, string | undefined>): Promise<string> {
  const path = templatePath(env);
  const lite = await createPglite();
  try {
    await migrate(lite);
    await saveDump(lite, path);
  } finally {
    await lite.close();
  }
  return path;
}

async function saveDump(lite: PGlite, path: string): Promise<void> {
  const dump = await lite.dumpDataDir('gzip');
  mkdirSync(dirname(path), { recursive: true });
  const partial = `${path}.${process.pid}.tmp`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, path);
  // Templates of other PGlite builds or schemas are never restored again.
  for (const name of readdirSync(dirname(path))) {
    if (/^pglite-[0-9a-f]+\.tgz$/.test(name) && join(dirname(path), name) !== path) {
      rmSync(join(dirname(path), name), { force: true });
    }
  }
}

export type DatabaseOrigin = 'server' | 'existing' | 'template' | 'initdb';

/**
 * The writer's database: PostgreSQL when DATABASE_URL is set; otherwise PGlite in the data dir,
 * restored from the template on a fresh directory (and the template written after an initdb,
 * for the next fresh directory).
 */
export async function openWriterDatabase(
  config: Pick<WriterConfig, 'databaseUrl' | 'dataDir' | 'dbPoolSize'>,
  env: Record<string, string | undefined>,
): Promise<{ database: Database; origin: DatabaseOrigin; lite?: PGlite }> {
  if (config.databaseUrl !== undefined) {
    const database = await openDatabase({ ...config, poolSize: config.dbPoolSize });
    return { database, origin: 'server' };
  }
  if (existsSync(join(config.dataDir, 'PG_VERSION'))) {
    const lite = await createPglite(config.dataDir);
    return { database: pgliteDatabase(lite), origin: 'existing', lite };
  }
  const path = env['DANMAKU_PGLITE_TEMPLATE'] === 'off' ? undefined : safeTemplatePath(env);
  if (path !== undefined && existsSync(path)) {
    const archive = readFileSync(path);
    if (restoreTemplate(archive, config.dataDir)) {
      const lite = await createPglite(config.dataDir);
      return { database: pgliteDatabase(lite), origin: 'template', lite };
    }
    const lite = await createPglite(config.dataDir, { loadDataDir: new Blob([archive]) });
    return { database: pgliteDatabase(lite), origin: 'template', lite };
  }
  const lite = await createPglite(config.dataDir);
  if (path !== undefined) {
    await migrate(lite);
    await saveDump(lite, path).catch(() => undefined);
  }
  return { database: pgliteDatabase(lite), origin: 'initdb', lite };
}

/**
 * Extracts the template into the data directory through a staging folder beside it, so that a
 * failed extraction leaves no half data directory behind; false when it could not (the caller
 * then lets PGlite restore the archive itself).
 */
function restoreTemplate(archive: Buffer, dataDir: string): boolean {
  const staging = `${dataDir.replace(/\/+$/, '')}.restoring-${process.pid}`;
  try {
    try {
      extractTarGz(archive, staging);
    } catch {
      return false;
    }
    mkdirSync(dataDir, { recursive: true });
    for (const name of readdirSync(staging)) {
      // PGlite's dump holds the whole directory, so a template written after an initdb in a
      // locked data dir carries that process's danmaku.pid (and maybe its SQL port file):
      // restored, it would replace this run's lock with a dead process's, and the next command
      // would take the directory while the run still holds it.
      if (!name.startsWith('danmaku.')) renameSync(join(staging, name), join(dataDir, name));
    }
    return true;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function safeTemplatePath(env: Record<string, string | undefined>): string | undefined {
  try {
    return templatePath(env);
  } catch {
    return undefined;
  }
}
