// `danmaku erase` on PGlite (--data-dir): it prints what it will delete, refuses without a
// terminal unless --yes, asks on one, then deletes the user everywhere; writing the same
// messages again (a re-ingest) stores nothing of the user and counts the drops.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '@danmaku/cli';
import { decodeKafkaMessage, type SourceEntry } from '@danmaku/records';
import {
  PartitionKeeper,
  migrate,
  normaliseRecords,
  pgliteClient,
  writeBatch,
  type BatchWriteResult,
  createPglite,
} from '@danmaku/writer';
import { countUserRows } from '@danmaku/writer/database';
import { runInProcess } from './cli-support.js';
import { checkRollups, noMismatches } from './rollup-recount.js';

const ERASED = 777001;
const KEPT = 777002;
const ROOM = 288016;

/** For each user: a chat line, a gift, an entry, a room event and a refused record naming them. */
function records(): SourceEntry[] {
  const bodies = [ERASED, KEPT].flatMap((uid) => [
    `type@=chatmsg/rid@=${ROOM}/uid@=${uid}/nn@=u${uid}/txt@=hi/cid@=c${uid}/dms@=4/`,
    `type@=dgb/rid@=${ROOM}/uid@=${uid}/nn@=u${uid}/gfid@=824/gfcnt@=3/hits@=3/`,
    `type@=uenter/rid@=${ROOM}/uid@=${uid}/nn@=u${uid}/level@=5/`,
    `type@=blab/rid@=${ROOM}/uid@=${uid}/nn@=u${uid}/bl@=6/bnn@=fans/`,
    `no type here uid@=${uid}/`,
  ]);
  return bodies.map((body, i) =>
    decodeKafkaMessage({ raw: 'raw', sessions: 'sessions' }, 'raw', 0, {
      offset: String(i),
      key: Buffer.from(String(ROOM)),
      value: Buffer.from(body),
      timestamp: String(Date.parse('2026-11-02T08:00:00Z') + i),
    }),
  );
}

const TABLES = [
  'chat_message_ids',
  'chat_messages',
  'chatter_daily',
  'gift_daily',
  'gifts',
  'ingest_errors',
  'room_events',
  'user_entries',
];
// The daily rollups hold a user once per day zone (UTC and Asia/Shanghai).
const ROLLUPS = new Set(['chatter_daily', 'gift_daily']);

function terminalIo(answer: string): { io: CliIo; out: () => string } {
  let out = '';
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  const io: CliIo = {
    env: {},
    out: (text) => {
      out += text;
      // Answer once the question is on screen, as a person at the terminal would.
      if (text.includes('type "yes"')) stdin.end(`${answer}\n`);
    },
    err: (text) => void (out += text),
    isTTY: true,
    stdin,
    waitForStop: () => new Promise(() => undefined),
  };
  return { io, out: () => out };
}

describe('danmaku erase on PGlite, then a re-ingest of the same messages', () => {
  const dir = mkdtempSync(join(tmpdir(), 'danmaku-erase-'));
  const dataDir = join(dir, 'data');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const withDb = async <T>(fn: (db: ReturnType<typeof pgliteClient>) => Promise<T>) => {
    const db = pgliteClient(await createPglite(dataDir));
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  };
  const write = () =>
    withDb((db) =>
      writeBatch(db, new PartitionKeeper(db), 'erase', normaliseRecords(records()), []),
    );
  const userRows = (uid: number) =>
    withDb(async (db) => Object.fromEntries(await countUserRows(db, String(uid))));
  const rollupMismatches = () =>
    withDb(async (db) => {
      const check = await checkRollups(
        async <Row>(text: string) => (await db.query<Row>(text)).rows,
      );
      return check.mismatches;
    });
  const everywhere = (n: number) =>
    Object.fromEntries(TABLES.map((t) => [t, ROLLUPS.has(t) ? 2 * n : n]));

  beforeAll(async () => {
    const lite = await createPglite(dataDir);
    await migrate(lite);
    await lite.close();
    await write();
  }, 60_000);

  it('stores one row of each kind per user', async () => {
    expect(await userRows(ERASED)).toEqual(everywhere(1));
    expect(await userRows(KEPT)).toEqual(everywhere(1));
  });

  it('without a terminal and without --yes: prints the counts, refuses with exit 2', async () => {
    const run = runInProcess(['erase', '--uid', String(ERASED), '--data-dir', dataDir]);
    expect(await run.done).toBe(2);
    expect(run.out()).toMatch(/^ {2}chat_messages +1$/m);
    expect(run.out()).toMatch(/^ {2}ingest_errors +1$/m);
    expect(run.err()).toContain('add --yes to erase');
    expect(await userRows(ERASED)).toEqual(everywhere(1));
  });

  it('refuses a uid that is not one, with every other problem', async () => {
    const run = runInProcess(['erase', '--uid', '12ab', '--data-dir', dataDir, '--nope']);
    expect(await run.done).toBe(2);
    expect(run.err()).toContain('--uid "12ab" is not a Douyu uid');
    expect(run.err()).toContain('unknown option --nope');
  });

  it('on a terminal, anything but "yes" changes nothing', async () => {
    const { io, out } = terminalIo('no');
    expect(await runCli(['erase', '--uid', String(ERASED), '--data-dir', dataDir], io)).toBe(1);
    expect(out()).toContain('not erased: nothing changed');
    expect(await userRows(ERASED)).toEqual(everywhere(1));
  });

  it('on a terminal, "yes" deletes the user from every table and records the uid', async () => {
    const { io, out } = terminalIo('yes');
    const code = await runCli(['erase', '--uid', String(ERASED), '--data-dir', dataDir], io);
    expect(code, out()).toBe(0);
    expect(out()).toContain(`erased uid ${ERASED}: 10 row(s) deleted`);
    expect(await userRows(ERASED)).toEqual(everywhere(0));
    expect(await userRows(KEPT)).toEqual(everywhere(1));
    const erased = await withDb((db) =>
      db.query<{ uid: string }>('SELECT uid::text AS uid FROM erased_users'),
    );
    expect(erased.rows).toEqual([{ uid: String(ERASED) }]);
    expect(await rollupMismatches()).toEqual(noMismatches);
  });

  it('writing the same messages again stores nothing of the user, and counts the drops', async () => {
    const result: BatchWriteResult = await write();
    expect(result.erased).toEqual({
      chat_messages: 1,
      gifts: 1,
      user_entries: 1,
      room_events: 1,
      ingest_errors: 1,
    });
    // The kept user's rows were already there: the re-ingest is a no-op for them.
    expect(Object.values(result.rows).reduce((a, b) => a + (b ?? 0), 0)).toBe(0);
    expect(await userRows(ERASED)).toEqual(everywhere(0));
    expect(await userRows(KEPT)).toEqual(everywhere(1));
    expect(await rollupMismatches()).toEqual(noMismatches);
  });
});
