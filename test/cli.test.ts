// The `danmaku` command in-process: help everywhere, configuration from flags, env and a file
// with every problem listed at once, secrets never printed, migrate, and rooms/schedules in Redis.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { migrationCount } from '@danmaku/writer';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runInProcess } from './cli-support.js';
import {
  databaseUrlFor,
  describeWithServices,
  freshDatabase,
  services,
  uniqueName,
} from './support/index.js';

const tmp = mkdtempSync(join(tmpdir(), 'danmaku-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function cli(argv: string[], env: Record<string, string> = {}) {
  const run = runInProcess(argv, env);
  const code = await run.done;
  return { code, out: run.out(), err: run.err() };
}

describe('danmaku --help', () => {
  const commands = [
    ['run'],
    ['collector'],
    ['writer'],
    ['migrate'],
    ['replay'],
    ['status'],
    ['rooms'],
    ['rooms', 'add'],
    ['rooms', 'remove'],
    ['rooms', 'list'],
    ['sql'],
    ['search'],
    ['schedule'],
    ['schedule', 'add'],
    ['schedule', 'remove'],
    ['schedule', 'list'],
  ];

  it.each(commands.map((words) => [words.join(' ')]))('%s --help', async (line) => {
    const words = line.split(' ');
    const { code, out } = await cli([...words, '--help']);
    expect(code).toBe(0);
    expect(out).toContain(`Usage: danmaku ${line}`);
  });

  it('lists every command, and sim --help is the simulator usage', async () => {
    const top = await cli(['--help']);
    for (const name of [
      'run',
      'collector',
      'writer',
      'migrate',
      'rooms',
      'schedule',
      'sim',
      'replay',
      'status',
      'search',
    ]) {
      expect(top.out).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
    }
    const sim = await cli(['sim', '--help']);
    expect(sim.code).toBe(0);
    expect(sim.out).toMatch(/--ws-port/);
  });

  it('settings of a service are listed with their env names', async () => {
    const { out } = await cli(['writer', '--help']);
    expect(out).toMatch(/--database-url <value>.*\[DATABASE_URL\]/);
    expect((await cli(['collector', '--help'])).out).toMatch(
      /--kafka-brokers <value>.*\[KAFKA_BROKERS\]/,
    );
  });
});

describe('configuration', () => {
  it('the README configuration table lists every setting', async () => {
    const { allFields } = await import('@danmaku/cli');
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    for (const field of allFields().values()) {
      expect(readme, field.env).toMatch(
        new RegExp(`\\| \`${field.env}\` +\\| \`--${field.flag}\` `),
      );
    }
  });

  it('lists every problem at once and exits 2', async () => {
    const file = join(tmp, 'bad.json');
    writeFileSync(file, JSON.stringify({ maxWaitMs: 'soon', colour: 'blue' }));
    const { code, err } = await cli(
      [
        'run',
        '--config',
        file,
        '--room',
        'abc',
        '--bogus',
        '--transport',
        'pigeon',
        '--sim-rate',
        '5',
      ],
      { DATABASE_URL: 'mysql://nope', KAFKA_LINGER_MS: '-1' },
    );
    expect(code).toBe(2);
    for (const expected of [
      'unknown setting "colour"',
      'unknown option --bogus',
      'WRITER_MAX_WAIT_MS',
      'ROOMS / --rooms',
      'DOUYU_TRANSPORT / --transport',
      'DATABASE_URL',
      'KAFKA_LINGER_MS',
      '--sim-rate and --sim-seed need --simulate',
    ]) {
      expect(err).toContain(expected);
    }
    expect(err).toMatch(/precedence: flags > env > file > defaults/);
  });

  it('run without rooms says how to start', async () => {
    const { code, err } = await cli(['run', '--data-dir', join(tmp, 'unused')]);
    expect(code).toBe(2);
    expect(err).toMatch(/no rooms to collect: pass --room <id> \(or ROOMS\), or --simulate/);
  });

  it('refuses a PGlite directory that another live process holds', async () => {
    const holder = spawn('sleep', ['60']);
    const dir = join(tmp, 'busy');
    try {
      const { lockDataDir } = await import('@danmaku/cli');
      lockDataDir(dir).release();
      writeFileSync(join(dir, 'danmaku.pid'), String(holder.pid));
      const { code, err } = await cli(['run', '--simulate', '--data-dir', dir]);
      expect(code).toBe(1);
      expect(err).toContain(`is in use by danmaku process ${holder.pid}`);
    } finally {
      holder.kill();
    }
  });
});

describeWithServices(['postgres', 'redis'], 'danmaku with PostgreSQL and Redis', () => {
  it('migrate applies once, then finds nothing to do', async () => {
    const url = await freshDatabase('climig');
    const first = await cli(['migrate', '--database-url', url]);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toContain(
      `applied ${migrationCount()} migration(s), ${migrationCount()} in total`,
    );
    const again = await cli(['migrate'], { DATABASE_URL: url });
    expect(again.out).toContain(`applied 0 migration(s), ${migrationCount()} in total`);
    const query = await cli(['sql', 'SELECT count(*)::int AS chats FROM chat_messages'], {
      DATABASE_URL: url,
    });
    expect(query).toMatchObject({ code: 0, out: 'chats\n-----\n0\n(1 row)\n' });
    const wrong = await cli(['sql', 'SELECT nope FROM chat_messages'], { DATABASE_URL: url });
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/ERROR: .*nope/);
  });

  it('status: precedence flags > env > file > defaults, and passwords never printed', async () => {
    const url = await freshDatabase('clistat');
    expect((await cli(['migrate', '--database-url', url])).code).toBe(0);
    const secretUrl = new URL(url);
    secretUrl.username = 'postgres';
    secretUrl.password = 'hunter2-db';
    const file = join(tmp, 'status.json');
    writeFileSync(
      file,
      JSON.stringify({
        groupId: 'from-file',
        rawTopic: 'file.raw',
        sessionsTopic: 'file.sessions',
      }),
    );
    const redis = new URL(services().redisUrl);
    redis.password = 'hunter2-redis';
    const env = {
      DATABASE_URL: secretUrl.toString(),
      REDIS_URL: redis.toString(),
      DANMAKU_CONFIG: file,
      WRITER_GROUP_ID: 'from-env',
      KAFKA_RAW_TOPIC: 'env.raw',
    };
    const { code, out, err } = await cli(['status', '--json', '--group-id', 'from-flag'], env);
    expect(code, err).toBe(0);
    expect(`${out}${err}`).not.toContain('hunter2');
    const report = JSON.parse(out) as {
      settings: Array<{ key: string; value: string; from: string }>;
      database: { migrations: number; tables: unknown[] };
    };
    const setting = (key: string) => report.settings.find((s) => s.key === key);
    expect(setting('groupId')).toMatchObject({ value: 'from-flag', from: 'flag' });
    expect(setting('rawTopic')).toMatchObject({ value: 'env.raw', from: 'env' });
    expect(setting('sessionsTopic')).toMatchObject({ value: 'file.sessions', from: 'file' });
    expect(setting('maxRooms')).toBeUndefined();
    expect(setting('databaseUrl')?.value).toContain(':***@');
    expect(report.database.migrations).toBe(migrationCount());
    const text = await cli(['status'], env);
    expect(`${text.out}${text.err}`).not.toContain('hunter2');
    expect(text.out).toMatch(/chat_messages +0 rows/);
  });

  it('status of an unreachable database exits 1 without the password', async () => {
    const url = new URL(databaseUrlFor(services().adminDatabaseUrl, 'no_such_database_here'));
    url.password = 'hunter2-gone';
    const { code, out, err } = await cli(['status'], { DATABASE_URL: url.toString() });
    expect(code).toBe(1);
    expect(out).toMatch(/unavailable/);
    expect(`${out}${err}`).not.toContain('hunter2');
  });

  it('rooms and schedules go to the BullMQ queue the collectors share', async () => {
    const env = { REDIS_URL: services().redisUrl, ROOMS_QUEUE: uniqueName('rooms') };
    try {
      expect((await cli(['rooms', 'add', '1001', '1002,1003'], env)).out).toBe(
        'room 1001: added\nroom 1002: added\nroom 1003: added\n',
      );
      expect((await cli(['rooms', 'add', '1001'], env)).out).toBe('room 1001: exists\n');
      const listed = await cli(['rooms', 'list', '--json'], env);
      const rooms = (JSON.parse(listed.out) as Array<{ data: { room: number } }>).map(
        (j) => j.data.room,
      );
      expect(rooms.sort()).toEqual([1001, 1002, 1003]);
      expect((await cli(['rooms', 'remove', '1002'], env)).out).toBe('room 1002: removed\n');
      expect((await cli(['rooms', 'remove', '1002'], env)).out).toBe('room 1002: absent\n');
      const bad = await cli(['rooms', 'add', '12x'], env);
      expect(bad.code).toBe(2);
      expect(bad.err).toContain('bad room id "12x"');

      const added = await cli(
        [
          'schedule',
          'add',
          'evening-1001',
          '--room',
          '1001',
          '--cron',
          '0 20 * * *',
          '--duration',
          '1h30m',
          '--tz',
          'Asia/Shanghai',
        ],
        env,
      );
      expect(added.code, added.err).toBe(0);
      expect(added.out).toContain(
        'schedule evening-1001: room 1001, "0 20 * * *" (Asia/Shanghai), 1h30m each',
      );
      // 20:00 in Shanghai is 12:00 UTC.
      expect(added.out).toMatch(/next runs: (\d{4}-\d\d-\d\dT12:00:00\.000Z(, )?){3}\n/);
      const list = await cli(['schedule', 'list'], env);
      expect(list.out).toMatch(
        /evening-1001 {2}room 1001 {2}"0 20 \* \* \*" Asia\/Shanghai {2}1h30m {2}next \d{4}-/,
      );
      const wrong = await cli(
        ['schedule', 'add', 'x', '--room', '1', '--cron', '* *', '--duration', 'soon'],
        env,
      );
      expect(wrong.code).toBe(2);
      expect(wrong.err).toContain('--duration: "soon" is no duration');
      expect(wrong.err).toContain('--cron: expected 5 or 6 fields, got 2');
      expect((await cli(['schedule', 'remove', 'evening-1001'], env)).out).toBe(
        'schedule evening-1001: removed\n',
      );
      expect((await cli(['schedule', 'list'], env)).out).toBe('no schedules\n');
    } finally {
      const connection = new Redis(services().redisUrl, { maxRetriesPerRequest: null });
      const queue = new Queue(env.ROOMS_QUEUE, { connection });
      await queue.obliterate({ force: true });
      await queue.close();
      connection.disconnect();
    }
  });

  it('rooms without REDIS_URL is a configuration problem', async () => {
    const { code, err } = await cli(['rooms', 'list']);
    expect(code).toBe(2);
    expect(err).toContain('REDIS_URL / --redis-url is required');
  });
});
