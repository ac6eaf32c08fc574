// `danmaku gifts import` and gift_value_daily on PostgreSQL (DATABASE_URL) and PGlite
// (--data-dir): the fixture loads, a re-import changes nothing, a changed list updates, a bad
// list is refused whole with every problem named, and the view values the dgb samples of
// fixtures/douyu/samples.txt with the catalogue while keeping uncatalogued gifts (NULL value).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeKafkaMessage } from '@danmaku/records';
import {
  PartitionKeeper,
  migrate,
  normaliseRecords,
  pgPoolClient,
  pgliteClient,
  writeBatch,
  createPglite,
} from '@danmaku/writer';
import type { SqlClient } from '@danmaku/writer';
import { REPO_ROOT, runInProcess } from './cli-support.js';
import { describeWithServices, freshDatabase } from './support/index.js';

const FIXTURE = join(REPO_ROOT, 'fixtures/douyu/gift-list.json');
const dir = mkdtempSync(join(tmpdir(), 'danmaku-gifts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The dgb lines of the captured samples, each stored in the room it names, on 2026-11-01. */
function sampleGifts() {
  const lines = readFileSync(join(REPO_ROOT, 'fixtures/douyu/samples.txt'), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('type@=dgb/'));
  const entries = lines.map((body, i) =>
    decodeKafkaMessage({ raw: 'raw', sessions: 'sessions' }, 'raw', 0, {
      offset: String(i),
      key: Buffer.from(/rid@=(\d+)/.exec(body)?.[1] ?? '0'),
      value: Buffer.from(body),
      timestamp: String(Date.parse('2026-11-01T12:00:00Z') + i),
    }),
  );
  return normaliseRecords(entries);
}

const VALUE_SQL = `SELECT room_id, gift_id, gift_name, events::int, gifts::int, price::int,
  value::int, price_unit FROM gift_value_daily ORDER BY room_id, gift_id`;

function importSuite(
  open: () => Promise<{ db: SqlClient; args: string[]; env: Record<string, string> }>,
) {
  let args: string[];
  let env: Record<string, string>;
  const cli = async (argv: string[]) => {
    const run = runInProcess([...argv, ...args], env);
    return { code: await run.done, out: run.out(), err: run.err() };
  };
  const rows = async (sql: string) => {
    const run = await cli(['sql', '--json', sql]);
    expect(run.code, run.err).toBe(0);
    return run.out
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  };

  beforeAll(async () => {
    const opened = await open();
    ({ args, env } = opened);
    await writeBatch(opened.db, new PartitionKeeper(opened.db), 'gifts', sampleGifts(), []);
    await opened.db.close();
  }, 60_000);

  it('imports the fixture, and a second import changes nothing', async () => {
    const first = await cli(['gifts', 'import', FIXTURE]);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toContain('5 gift(s) in');
    expect(first.out).toContain('5 new, 0 updated, 0 unchanged');
    const again = await cli(['gifts', 'import', FIXTURE]);
    expect(again.code, again.err).toBe(0);
    expect(again.out).toContain('0 new, 0 updated, 5 unchanged');
    expect(
      await rows(
        'SELECT gift_id, name, price::int, price_unit FROM gift_catalogue WHERE gift_id = 196',
      ),
    ).toEqual([{ gift_id: 196, name: '火箭', price: 50000, price_unit: 'YUCHI' }]);
  });

  it('gift_value_daily values catalogued gifts and keeps the others with NULL value', async () => {
    const value = await rows(VALUE_SQL);
    const row = (room: number, gift: number) =>
      value.find((r) => r['room_id'] === room && r['gift_id'] === gift);
    expect(row(252802, 824)).toEqual({
      room_id: 252802,
      gift_id: 824,
      gift_name: '荧光棒',
      events: 1,
      gifts: 30,
      price: 10,
      value: 300,
      price_unit: 'YUCHI',
    });
    expect(row(9999, 824)).toMatchObject({ events: 2, gifts: 2, value: 20 });
    expect(row(9999, 192)).toMatchObject({ gift_name: '赞', events: 1, gifts: 1, value: 20 });
    const fishBalls = row(2020877, 191);
    expect(fishBalls).toMatchObject({ gift_name: '鱼丸', price: 100, price_unit: 'YUWAN' });
    expect(fishBalls?.['value']).toBe(
      (fishBalls?.['gifts'] as number | null) === null ? null : Number(fishBalls?.['gifts']) * 100,
    );
    // Gift 519 is not in the catalogue: still there, with nothing made up.
    expect(row(271934, 519)).toMatchObject({
      events: 1,
      gift_name: null,
      price: null,
      value: null,
      price_unit: null,
    });
    expect(value).toHaveLength(5);
  });

  it('a changed list updates prices and adds gifts; the view follows', async () => {
    const list = JSON.parse(readFileSync(FIXTURE, 'utf8')) as {
      data: { giftList: { id: number; priceInfo: { price: number } }[] };
    };
    const glowStick = list.data.giftList.find((g) => g.id === 824);
    if (glowStick === undefined) throw new Error('fixture without gift 824');
    glowStick.priceInfo.price = 12;
    list.data.giftList.push({
      id: 519,
      name: '弱鸡',
      priceInfo: { price: 20, priceType: 'YUCHI' },
    } as unknown as { id: number; priceInfo: { price: number } });
    const changed = join(dir, `changed-${args.length}.json`);
    writeFileSync(changed, JSON.stringify(list));
    const run = await cli(['gifts', 'import', changed]);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('1 new, 1 updated, 4 unchanged');
    expect(
      await rows(`${VALUE_SQL.replace('ORDER BY', 'WHERE room_id = 252802 ORDER BY')}`),
    ).toMatchObject([{ gift_id: 824, price: 12, value: 360 }]);
    expect(await rows(`SELECT gift_name FROM gift_value_daily WHERE gift_id = 519`)).toEqual([
      { gift_name: '弱鸡' },
    ]);
  });

  it('a bad list is refused whole, every problem listed, exit 2', async () => {
    const bad = join(dir, `bad-${args.length}.json`);
    writeFileSync(
      bad,
      JSON.stringify({
        error: 0,
        data: {
          giftList: [
            { id: 900, name: 'fine', priceInfo: { price: 1, priceType: 'YUCHI' } },
            { id: 'x', name: '', priceInfo: { price: 1, priceType: 'YUCHI' } },
            { id: 901, name: 'no price' },
          ],
        },
      }),
    );
    const run = await cli(['gifts', 'import', bad]);
    expect(run.code).toBe(2);
    expect(run.err).toContain('3 problem(s), nothing imported');
    expect(run.err).toContain('giftList[1]: id "x" is not a gift id');
    expect(run.err).toContain('giftList[1]: name is missing or empty');
    expect(run.err).toContain('giftList[2] (id 901): priceInfo is missing');
    expect(await rows('SELECT count(*)::int AS n FROM gift_catalogue WHERE gift_id = 900')).toEqual(
      [{ n: 0 }],
    );
    const notJson = join(dir, 'not.json');
    writeFileSync(notJson, '{"error":0,');
    expect((await cli(['gifts', 'import', notJson])).code).toBe(2);
  });
}

describeWithServices(['postgres'], 'danmaku gifts import on PostgreSQL', () => {
  importSuite(async () => {
    const url = await freshDatabase('gifts');
    await migrate(url);
    const db = pgPoolClient(new pg.Pool({ connectionString: url, max: 1 }));
    return { db, args: [], env: { DATABASE_URL: url } };
  });
});

describe('danmaku gifts import on PGlite', () => {
  importSuite(async () => {
    const dataDir = join(dir, 'data');
    const lite = await createPglite(dataDir);
    await migrate(lite);
    return { db: pgliteClient(lite), args: ['--data-dir', dataDir], env: {} };
  });
});
