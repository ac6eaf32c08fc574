// `pnpm bench:search`: `danmaku search` on 1,000,000 chat rows, without and with the trigram
// index on chat_messages.text, on PostgreSQL and on PGlite; the plans (EXPLAIN ANALYZE) that
// show whether the index answers; the index's build time and size, and what it costs an insert.
import { chatSearchStatement, type SqlClient } from '@danmaku/writer';
import { loadNote, loadNow } from './harness/load-note.js';
import { median } from './lib/measure.js';
import { writeResults, type BenchResult } from './lib/results.js';
import { SEARCH_CASES, type SearchCase } from './search/cases.js';
import {
  DATASET_DAYS,
  DATASET_START,
  DAY_MS,
  datasetSpread,
  insertChatSql,
} from './search/dataset.js';
import { pgliteTarget, postgresTarget, type SearchTarget } from './search/targets.js';

const ROWS = Number(process.env['BENCH_SEARCH_ROWS'] ?? 1_000_000);
const REPEATS = Number(process.env['BENCH_SEARCH_REPEATS'] ?? 3);
const TARGETS = (process.env['BENCH_SEARCH_TARGETS'] ?? 'postgres,pglite').split(',');
const adminUrl = process.env['BENCH_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const CHUNK = 100_000;
const PROBE = 50_000;
const INDEX = 'chat_messages_text_trgm_idx';
const CREATE_INDEX = `CREATE INDEX ${INDEX} ON chat_messages USING gin (text gin_trgm_ops)`;

interface CaseRun {
  target: string;
  case: string;
  command: string;
  index: boolean;
  ms: number;
  rows: number;
  indexUsed: boolean;
  plan: string[];
}

const seconds = async (work: () => Promise<unknown>): Promise<number> => {
  const start = performance.now();
  await work();
  return (performance.now() - start) / 1000;
};

async function generate(client: SqlClient): Promise<number> {
  await client.query(`SELECT danmaku_ensure_partitions('${DATASET_START}', ${DATASET_DAYS + 3})`);
  await client.query('SELECT setseed(0.5)');
  const spread = datasetSpread(ROWS);
  const elapsed = await seconds(async () => {
    for (let first = 1; first <= ROWS; first += CHUNK) {
      const last = Math.min(ROWS, first + CHUNK - 1);
      await client.query(
        insertChatSql(first, last, {
          ...spread,
          startMs: spread.startMs + (first - 1) * spread.stepMs,
        }),
      );
    }
  });
  await client.query('VACUUM ANALYZE chat_messages');
  return ROWS / elapsed;
}

/** Median wall time of REPEATS runs after one warm-up, and the plan EXPLAIN ANALYZE gives. */
async function runCase(target: SearchTarget, c: SearchCase, index: boolean): Promise<CaseRun> {
  const statement = chatSearchStatement(c.search);
  let rows = 0;
  const times: number[] = [];
  for (let run = 0; run <= REPEATS; run++) {
    const start = performance.now();
    rows = (await target.client.query(statement.text, statement.values)).rows.length;
    if (run > 0) times.push(performance.now() - start);
  }
  const explained = await target.client.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN (ANALYZE, COSTS off, TIMING off) ${statement.text}`,
    statement.values,
  );
  const plan = explained.rows.map((row) => row['QUERY PLAN']);
  const indexUsed = plan.some((line) => /Index Scan on chat_messages_p\d+_text_idx/.test(line));
  return {
    target: target.name,
    case: c.name,
    command: c.command,
    index,
    ms: median(times),
    rows,
    indexUsed,
    plan,
  };
}

async function sizeMb(client: SqlClient, pattern: string): Promise<number> {
  const result = await client.query<{ bytes: string | null }>(
    `SELECT sum(pg_relation_size(oid))::text AS bytes FROM pg_class WHERE relname ~ $1`,
    [pattern],
  );
  return Number(result.rows[0]?.bytes ?? 0) / 2 ** 20;
}

/** Rows/s of PROBE more rows into a fresh day: the cost of keeping the index up to date. */
async function insertRate(client: SqlClient, day: number, firstRow: number): Promise<number> {
  const startMs = Date.parse(`${DATASET_START}T00:00:00Z`) + day * DAY_MS;
  const sql = insertChatSql(firstRow, firstRow + PROBE - 1, { startMs, stepMs: DAY_MS / PROBE });
  return PROBE / (await seconds(() => client.query(sql)));
}

async function measure(
  target: SearchTarget,
  runs: CaseRun[],
  results: BenchResult[],
): Promise<void> {
  const t = target.name;
  const { client } = target;
  // The migration created the index; the dataset goes in without it, as into a database of
  // before the migration, and the index is then built as the migration would build it.
  await client.query(`DROP INDEX ${INDEX}`);
  const generated = await generate(client);
  console.log(`${t}: ${ROWS} rows generated at ${Math.round(generated)} rows/s`);
  for (const c of SEARCH_CASES) runs.push(await runCase(target, c, false));
  const build = await seconds(() => client.query(CREATE_INDEX));
  await client.query('ANALYZE chat_messages');
  console.log(`${t}: index built in ${build.toFixed(1)} s`);
  for (const c of SEARCH_CASES) runs.push(await runCase(target, c, true));
  const withIndex = await insertRate(client, DATASET_DAYS, ROWS + 1);
  await client.query(`DROP INDEX ${INDEX}`);
  const without = await insertRate(client, DATASET_DAYS + 1, ROWS + PROBE + 1);
  const tableMb = await sizeMb(client, '^chat_messages_p\\d+$');
  await client.query(CREATE_INDEX);
  const indexMb = await sizeMb(client, '^chat_messages_p\\d+_text_idx$');
  const rows = `${ROWS / 1e6}M chat rows`;
  results.push(
    {
      case: `${t}: build the trigram index on ${rows}`,
      subject: 'danmaku',
      value: build,
      unit: 's',
    },
    {
      case: `${t}: trigram index size (table: ${Math.round(tableMb)} MB)`,
      subject: 'danmaku',
      value: indexMb,
      unit: 'MB',
    },
    {
      case: `${t}: INSERT … SELECT of ${PROBE / 1000}k chat rows`,
      subject: 'danmaku',
      value: withIndex,
      unit: 'rows/s',
    },
    {
      case: `${t}: INSERT … SELECT of ${PROBE / 1000}k chat rows`,
      subject: 'no-index',
      value: without,
      unit: 'rows/s',
    },
  );
  for (const c of SEARCH_CASES) {
    for (const index of [true, false]) {
      const run = runs.find((r) => r.target === t && r.case === c.name && r.index === index);
      if (run === undefined) continue;
      const label = index ? 'danmaku' : 'no-index';
      results.push({
        case: `${t}: ${c.name}, ${run.rows} rows`,
        subject: label,
        value: run.ms,
        unit: 'ms',
      });
    }
  }
}

async function main(): Promise<void> {
  const load = loadNow();
  const runs: CaseRun[] = [];
  const results: BenchResult[] = [];
  for (const name of TARGETS) {
    const target = name === 'pglite' ? await pgliteTarget() : await postgresTarget(adminUrl);
    try {
      await measure(target, runs, results);
    } finally {
      await target.dispose();
    }
  }
  console.table(
    runs.map((r) => ({
      target: r.target,
      case: r.case,
      index: r.index ? 'trigram' : 'none',
      'median ms': Number(r.ms.toFixed(1)),
      rows: r.rows,
      'index used': r.indexUsed,
    })),
  );
  await writeResults(
    'search',
    results,
    [
      `${ROWS.toLocaleString('en-US')} chat rows over ${DATASET_DAYS} daily partitions and 20 rooms, generated by INSERT … SELECT FROM generate_series (bench/search/dataset.ts): each text is one to three of the chat texts in fixtures/douyu/samples.txt, sometimes with a number; the rare word is in one row of 50,000.`,
      `Each search is the statement \`danmaku search\` runs (chatSearchStatement: ILIKE '%text%', newest first, LIMIT 100), median of ${REPEATS} after a warm-up, one connection; danmaku = with the trigram index (migration chat_text_trgm), no-index = the same database before it was built. The plans (EXPLAIN ANALYZE) are in the run's results file (details.runs).`,
      'Two characters give pg_trgm no trigram, so the index cannot narrow them (the planner then scans): most Chinese words are two characters; three or more are indexed.',
      `INSERT … SELECT of ${PROBE / 1000}k rows into a fresh day: with the index (danmaku) and after DROP INDEX (no-index), on the same database.`,
      loadNote(load),
    ],
    { rows: ROWS, runs },
  );
}

await main();
