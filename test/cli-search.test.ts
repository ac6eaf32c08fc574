// `danmaku search` through the real command line, on PostgreSQL and on PGlite: the filters,
// % and _ matching only themselves, exit codes; and on PostgreSQL that the trigram index is on
// every partition (those created ahead too) and answers the search's own statement.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeKafkaMessage, type SourceEntry } from '@danmaku/records';
import {
  chatSearchStatement,
  createPglite,
  migrate,
  normaliseRecords,
  PartitionKeeper,
  pgliteClient,
  pgPoolClient,
  writeBatch,
  type SqlClient,
} from '@danmaku/writer';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, DANMAKU_BIN, killLeftoverJobs, spawnJob } from './cli-support.js';
import { describeWithServices, freshDatabase } from './support/index.js';

const at = (time: string) => Date.parse(`2024-03-0${time}Z`);
let offset = 0;
function chat(room: number, ms: number, uid: number, text: string): SourceEntry {
  const body = `type@=chatmsg/rid@=${room}/uid@=${uid}/nn@=u${uid}/txt@=${text}/cid@=c${offset}/dms@=1/`;
  return decodeKafkaMessage({ raw: 'raw', sessions: 'sessions' }, 'raw', 0, {
    offset: String(offset++),
    key: Buffer.from(String(room)),
    value: Buffer.from(body),
    timestamp: String(ms),
  });
}

// Two days, two rooms, three users; texts that tell a wildcard from the character itself.
const records = [
  chat(1, at('1T10:00:00'), 7, 'Hello 主播好厉害'),
  chat(1, at('1T11:00:00'), 8, 'hello again'),
  chat(2, at('1T12:00:00'), 7, 'HELLO from room 2'),
  chat(2, at('2T09:00:00'), 9, 'say hello tomorrow'),
  chat(1, at('2T10:00:00'), 9, '主播好厉害 666'),
  chat(1, at('2T11:00:00'), 8, 'sale 100% off'),
  chat(1, at('2T11:30:00'), 8, 'sale 1000 off'),
  chat(2, at('2T12:00:00'), 7, 'snake a_b case'),
  chat(2, at('2T12:30:00'), 7, 'plain axb case'),
  chat(2, at('2T13:00:00'), 7, 'back\\slash'),
];

async function fill(db: SqlClient): Promise<void> {
  await writeBatch(db, new PartitionKeeper(db), 'search', normaliseRecords(records), []);
}

/** `danmaku search …` as a user runs it; the texts column of its table, in order. */
async function search(env: Record<string, string>, ...args: string[]) {
  const run = spawnJob(process.execPath, [DANMAKU_BIN, 'search', ...args], cleanEnv(env));
  const code = await run.exited;
  const lines = run.out().trimEnd().split('\n');
  // Header, rule, rows, "(n rows)": the text is the last column.
  const texts = lines.slice(2, -1).map((line) => line.split(' | ').at(-1)?.trim());
  return { code, out: run.out(), err: run.err(), texts };
}

// Every test spawns the CLI (and PGlite starts in it): generous on a loaded 2-core box.
const TIMEOUT_MS = 120_000;

function searchSuite(name: string, env: () => Record<string, string>, embedded: boolean): void {
  describe(name, () => {
    afterAll(killLeftoverJobs);

    it(
      'any case, newest first; --room, --user, --from/--to and --limit narrow it',
      async () => {
        const all = await search(env(), 'hello');
        expect(all.code, all.err).toBe(0);
        expect(all.texts).toEqual([
          'say hello tomorrow',
          'HELLO from room 2',
          'hello again',
          'Hello 主播好厉害',
        ]);
        expect(all.out).toMatch(/^received_at +\| room_id \| uid \| nickname \| text\n/);
        expect(all.out).toContain('(4 rows)');
        const room = await search(env(), 'hello', '--room', '1', '--user', '7');
        expect(room.texts).toEqual(['Hello 主播好厉害']);
        const window = await search(
          env(),
          'HeLLo',
          '--from',
          '2024-03-01T10:30:00Z',
          '--to',
          '2024-03-02T09:00:00Z',
        );
        expect(window.texts).toEqual(['HELLO from room 2', 'hello again']);
        const limited = await search(env(), '主播好厉害', '--limit', '1');
        expect(limited.texts).toEqual(['主播好厉害 666']);
        expect(limited.err).toContain('the newest 1 shown; there may be more');
      },
      embedded ? TIMEOUT_MS * 2 : TIMEOUT_MS,
    );

    it(
      '% and _ (and \\) match only themselves; no match is "(0 rows)" and exit 0',
      async () => {
        expect((await search(env(), '100%')).texts).toEqual(['sale 100% off']);
        expect((await search(env(), 'a_b')).texts).toEqual(['snake a_b case']);
        expect((await search(env(), 'k\\s')).texts).toEqual(['back\\slash']);
        const none = await search(env(), 'nobody said this');
        expect(none).toMatchObject({ code: 0, out: '(0 rows)\n' });
      },
      embedded ? TIMEOUT_MS * 2 : TIMEOUT_MS,
    );

    it('bad flags are all listed at once and exit 2', async () => {
      const bad = await search(env(), 'x', '--room', 'one', '--from', 'soon', '--limit', '0');
      expect(bad.code).toBe(2);
      expect(bad.err).toMatch(/--room: [\s\S]*--limit: [\s\S]*--from: "soon"/);
    });
  });
}

describeWithServices(['postgres'], 'danmaku search on PostgreSQL', () => {
  let url = '';
  let pool: pg.Pool;
  let db: SqlClient;
  beforeAll(async () => {
    url = await freshDatabase('search');
    await migrate(url);
    pool = new pg.Pool({ connectionString: url, max: 1 });
    db = pgPoolClient(pool);
    await fill(db);
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  searchSuite('through the CLI', () => ({ DATABASE_URL: url }), false);

  it('every partition has the trigram index, those made ahead too, and the search uses it', async () => {
    await db.query(`SELECT danmaku_ensure_partitions('2024-03-05', 2)`);
    const indexed = await db.query<{ partition: string }>(
      `SELECT c.relname AS partition FROM pg_inherits i
       JOIN pg_class c ON c.oid = i.inhrelid
       JOIN pg_index x ON x.indrelid = c.oid
       JOIN pg_class ix ON ix.oid = x.indexrelid
       JOIN pg_am am ON am.oid = ix.relam
       WHERE i.inhparent = 'chat_messages'::regclass AND am.amname = 'gin'
         AND pg_get_indexdef(ix.oid) LIKE '%gin_trgm_ops%'
       ORDER BY 1`,
    );
    expect(indexed.rows.map((r) => r.partition)).toEqual([
      'chat_messages_p20240301',
      'chat_messages_p20240302',
      'chat_messages_p20240305',
      'chat_messages_p20240306',
    ]);
    // Enough rows in a day for the planner to prefer the index to a scan, as in a real table.
    await db.query(
      `INSERT INTO chat_messages
       SELECT (jsonb_populate_record(c, jsonb_build_object(
         'received_at', c.received_at + g * interval '1 ms', 'text', 'filler ' || g,
         'source_offset', c.source_offset + 1000 + g))).*
       FROM chat_messages AS c, generate_series(1, 20000) AS g WHERE c.text = 'hello again'`,
    );
    await db.query('ANALYZE chat_messages');
    const statement = chatSearchStatement({ text: '主播好厉害', roomId: 1, limit: 100 });
    const plan = await db.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN ${statement.text}`,
      statement.values,
    );
    const text = plan.rows.map((row) => row['QUERY PLAN']).join('\n');
    expect(text).toMatch(/Bitmap Index Scan on chat_messages_p20240301_text_idx/);
    expect(text).toMatch(/Index Cond: \(text ~~\* '%主播好厉害%'::text\)/);
    expect(text).not.toMatch(/Seq Scan on chat_messages_p20240301/);
  });
});

describe('danmaku search on PGlite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'danmaku-search-'));
  const dataDir = join(dir, 'data');
  beforeAll(async () => {
    const lite = await createPglite(dataDir);
    const db = pgliteClient(lite);
    try {
      await migrate(lite);
      await fill(db);
    } finally {
      await db.close();
    }
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  searchSuite(
    'through the CLI',
    () => ({ DANMAKU_DATA_DIR: dataDir, DANMAKU_CACHE_DIR: dir }),
    true,
  );
});
