// `pnpm bench:export`: `danmaku export` of 1,000,000 chat rows (made by generate_series) to CSV,
// NDJSON and Parquet, on PostgreSQL and on PGlite: rows/s (the command's own summary line, the
// export without process start) and peak RSS (GNU time's %M, the whole process). psql's \copy
// to CSV is the ceiling on PostgreSQL: the server's own CSV writer, nothing typed in between.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createPglite, migrate } from '@danmaku/writer';
import { CLI } from './embedded/run-cli.js';
import { measureExport, type ExportCost } from './export/measure-export.js';
import { seedChatSql } from './export/seed-chat.js';
import { loadNote, loadNow } from './harness/load-note.js';
import { writeResults, type BenchResult } from './lib/results.js';

const ROWS = Number(process.env['BENCH_EXPORT_ROWS'] ?? 1_000_000);
const PGLITE = process.env['BENCH_EXPORT_PGLITE'] !== 'off';
const FORMATS = ['csv', 'ndjson', 'parquet'] as const;
const adminUrl = process.env['BENCH_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const loadAtStart = loadNow();
const work = mkdtempSync(join(tmpdir(), 'danmaku-bench-export-'));
const results: BenchResult[] = [];
const rowsLabel = ROWS.toLocaleString('en');

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

function record(where: string, format: string, subject: string, cost: ExportCost): void {
  console.log(where, format, subject, JSON.stringify(cost));
  if (cost.rows !== ROWS) throw new Error(`${where} ${format}: exported ${cost.rows} of ${ROWS}`);
  const name = `${where}: ${rowsLabel} chat rows to ${format}`;
  results.push(
    { case: `${name}: throughput`, subject, value: cost.rowsPerSecond, unit: 'rows/s' },
    { case: `${name}: peak RSS`, subject, value: cost.peakRssBytes / 2 ** 20, unit: 'MiB' },
    { case: `${name}: file`, subject, value: cost.bytes / 2 ** 20, unit: 'MiB' },
  );
}

function exportArgs(format: string, output: string): string[] {
  return [CLI, 'export', '--table', 'chat_messages', '--format', format, '-o', output, '--force'];
}

const database = `bench_export_${process.pid}`;
const url = new URL(adminUrl);
url.pathname = `/${database}`;
// A first call builds dist/cli if the sources changed, so no measured run pays for it.
spawnSync(process.execPath, [CLI, '--help'], { stdio: 'ignore' });
try {
  await adminQuery(adminUrl, `CREATE DATABASE ${database}`);
  await migrate(url.toString());
  for (const sql of seedChatSql(ROWS)) await adminQuery(url.toString(), sql);
  const env = { ...process.env, DATABASE_URL: url.toString() };
  for (const format of FORMATS) {
    const output = join(work, `chat.${format}`);
    record(
      'PostgreSQL',
      format,
      'danmaku',
      measureExport(process.execPath, exportArgs(format, output), env, output),
    );
  }
  const csv = join(work, 'chat.psql.csv');
  const t0 = performance.now();
  const psql = measureExport(
    'psql',
    [
      url.toString(),
      '-qc',
      `\\copy (SELECT * FROM chat_messages) TO '${csv}' (FORMAT csv, HEADER)`,
    ],
    process.env,
    csv,
  );
  const seconds = (performance.now() - t0) / 1000;
  record('PostgreSQL', 'csv', 'ceiling', { ...psql, rows: ROWS, rowsPerSecond: ROWS / seconds });
  if (PGLITE) {
    const dataDir = join(work, 'pglite');
    const lite = await createPglite(dataDir);
    await migrate(lite);
    for (const sql of seedChatSql(ROWS)) await lite.exec(sql);
    await lite.close();
    const liteEnv: NodeJS.ProcessEnv = { ...process.env, DANMAKU_DATA_DIR: dataDir };
    delete liteEnv['DATABASE_URL'];
    for (const format of FORMATS) {
      const output = join(work, `chat-lite.${format}`);
      record(
        'PGlite',
        format,
        'danmaku',
        measureExport(process.execPath, exportArgs(format, output), liteEnv, output),
      );
    }
  }
} finally {
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${database}`).catch(() => undefined);
  rmSync(work, { recursive: true, force: true });
}

await writeResults('export', results, [
  `${rowsLabel} chat_messages rows made by generate_series; one run per case.`,
  'throughput: rows over the seconds of the export itself (the summary line of `danmaku export`); ' +
    'the ceiling row is psql \\copy timed spawn to exit.',
  'peak RSS: GNU time %M of the whole process (Node, the driver, PGlite or parquet-wasm included).',
  loadNote(loadAtStart),
]);
