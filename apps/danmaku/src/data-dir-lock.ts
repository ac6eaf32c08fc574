import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export class DataDirBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `${dataDir} is in use by danmaku process ${pid}: embedded PostgreSQL (PGlite) allows one ` +
        `process at a time. Stop it first, or set DATABASE_URL to use a PostgreSQL server.`,
    );
    this.name = 'DataDirBusyError';
  }
}

export interface DataDirLock {
  release(): void;
}

/** Beside the lock: where the holder serves SQL (`danmaku run --sql-port`), for `danmaku sql`. */
const SQL_PORT_FILE = 'danmaku.sql-port';

/** Records the run's SQL URL in the data dir; the result removes the record. */
export function writeSqlPortFile(dataDir: string, url: string): () => void {
  const path = join(resolve(dataDir), SQL_PORT_FILE);
  const mine = JSON.stringify({ pid: process.pid, url });
  writeFileSync(path, `${mine}\n`);
  return () => {
    if (readText(path) === mine) unlinkSync(path);
  };
}

/** The SQL URL that process `pid` (the lock's holder) serves for the data dir, if any. */
export function readSqlPortFile(dataDir: string, pid: number): string | undefined {
  try {
    const record = JSON.parse(readText(join(resolve(dataDir), SQL_PORT_FILE))) as unknown;
    if (typeof record !== 'object' || record === null) return undefined;
    const { pid: holder, url } = record as { pid?: unknown; url?: unknown };
    return holder === pid && typeof url === 'string' ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * PGlite is single-process: a second process opening the same directory would corrupt it. The
 * lock is a pid file inside the directory; a file left by a dead process is taken over.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'danmaku.pid');
  const mine = String(process.pid);
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(path, mine, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
      const holder = Number(readText(path));
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
        throw new DataDirBusyError(dataDir, holder);
      }
      unlinkSync(path);
    }
  }
  return {
    release() {
      if (readText(path) === mine) unlinkSync(path);
    },
  };
}

/**
 * For the commands that only read and write rows (`danmaku sql`, `danmaku status`): the data
 * dir's lock, or the SQL URL of the `danmaku run --sql-port` holding it, so they query through
 * its port instead of failing. A holder without a SQL port is a DataDirBusyError saying how to
 * start one.
 */
export function lockOrSqlUrl(dataDir: string): { lock: DataDirLock } | { url: string } {
  try {
    return { lock: lockDataDir(dataDir) };
  } catch (error) {
    if (!(error instanceof DataDirBusyError)) throw error;
    const url = readSqlPortFile(dataDir, error.pid);
    if (url !== undefined) return { url };
    error.message +=
      ' To query while it collects, start it with --sql-port 5433 (DANMAKU_SQL_PORT): ' +
      '`danmaku sql` and `danmaku status` then go through that port.';
    throw error;
  }
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
