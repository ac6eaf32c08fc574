// `danmaku migrate`, `danmaku writer` and `danmaku replay` against real Kafka and PostgreSQL:
// a normaliser bug is simulated by damaging rows, and replay rebuilds them from the raw topic.
import { migrationCount } from '@danmaku/writer';
import { beforeAll, expect, it } from 'vitest';
import { runInProcess } from './cli-support.js';
import {
  createTopic,
  describeWithServices,
  freshDatabase,
  kafkaClient,
  services,
  uniqueName,
  waitFor,
  withPg,
} from './support/index.js';
import { checkRollupsAt, noMismatches } from './rollup-recount.js';
import { committedRecords, DAY0, makeTraffic, produce, tableCounts } from './writer-traffic.js';

const RECORDS = 400;

describeWithServices(['postgres', 'kafka'], 'danmaku replay rebuilds tables from Kafka', () => {
  const rawTopic = uniqueName('raw');
  const sessionsTopic = uniqueName('sessions');
  const groupId = uniqueName('group');
  const traffic = makeTraffic(RECORDS, 8, 50);
  let url: string;
  let env: Record<string, string>;

  const brokenText = async (): Promise<{ before: number; after: number }> =>
    withPg(url, async (c) => {
      const r = await c.query<{ before: number; after: number }>(
        `SELECT count(*) FILTER (WHERE received_at < $1)::int AS before,
                count(*) FILTER (WHERE received_at >= $1)::int AS after
         FROM chat_messages WHERE text = 'broken'`,
        [new Date(DAY0 + 200).toISOString()],
      );
      return r.rows[0] ?? { before: -1, after: -1 };
    });

  const damage = () => withPg(url, (c) => c.query(`UPDATE chat_messages SET text = 'broken'`));

  /** The daily rollups equal a recount of the rows (the replay deleted and rewrote rows). */
  const expectRollupsExact = async (): Promise<void> => {
    const rollups = await checkRollupsAt(url);
    expect(rollups.mismatches).toEqual(noMismatches);
    expect(rollups.rows.room_daily_counts).toBeGreaterThan(0);
  };

  beforeAll(async () => {
    const brokers = services().kafkaBrokers;
    await createTopic(brokers, rawTopic, 2);
    await createTopic(brokers, sessionsTopic, 1);
    await produce(kafkaClient(brokers), rawTopic, traffic.messages);
    url = await freshDatabase('replay');
    env = {
      DATABASE_URL: url,
      KAFKA_BROKERS: brokers.join(','),
      KAFKA_RAW_TOPIC: rawTopic,
      KAFKA_SESSIONS_TOPIC: sessionsTopic,
      WRITER_GROUP_ID: groupId,
      WRITER_METRICS_PORT: '-1',
      WRITER_MAX_WAIT_MS: '100',
    };
    const migrate = runInProcess(['migrate'], env);
    expect(await migrate.done, migrate.err()).toBe(0);
    expect(migrate.out()).toContain(
      `applied ${migrationCount()} migration(s), ${migrationCount()} in total`,
    );
    const writer = runInProcess(['writer'], env);
    await waitFor(async () => (await committedRecords(url, groupId, rawTopic)) === RECORDS, {
      timeoutMs: 60_000,
      what: `${RECORDS} records committed`,
    });
    writer.interrupt();
    expect(await writer.done, writer.err()).toBe(0);
  });

  it('the writer wrote everything once', async () => {
    await expectRollupsExact();
    const counts = await tableCounts(url);
    expect(counts).toMatchObject(traffic.expected);
    expect(counts.distinctSources).toBe(
      counts.chat + counts.gifts + counts.entries + counts.events,
    );
  });

  it('without --yes only prints the plan', async () => {
    await damage();
    const dry = runInProcess(['replay', '--from-offset', '0'], env);
    expect(await dry.done, dry.err()).toBe(0);
    expect(dry.out()).toMatch(/partition 0: from offset 0 to \d+/);
    expect(dry.out()).toMatch(/partition 1: from offset 0 to \d+/);
    expect(dry.out()).toContain(`chat_messages ${traffic.expected.chat}`);
    expect(dry.out()).toMatch(/dry run: nothing changed/);
    expect((await brokenText()).before + (await brokenText()).after).toBe(traffic.expected.chat);
  });

  it('refuses while a writer of the group is running', async () => {
    const writer = runInProcess(['writer'], env);
    const admin = kafkaClient(services().kafkaBrokers).admin();
    await admin.connect();
    try {
      await waitFor(
        async () => ((await admin.describeGroups([groupId])).groups[0]?.members.length ?? 0) > 0,
        { timeoutMs: 60_000, what: 'writer in the group' },
      );
      const refused = runInProcess(['replay', '--from-offset', '0', '--yes'], env);
      expect(await refused.done).toBe(1);
      expect(refused.err()).toMatch(/running member\(s\): stop the writers first/);
    } finally {
      writer.interrupt();
      expect(await writer.done).toBe(0);
      await admin.disconnect();
    }
  });

  it('--from-time rebuilds only what was received from then on', async () => {
    const run = runInProcess(
      ['replay', '--from-time', new Date(DAY0 + 200).toISOString(), '--yes'],
      env,
    );
    expect(await run.done, `${run.out()}\n${run.err()}`).toBe(0);
    expect(run.out()).toMatch(/replay done/);
    const broken = await brokenText();
    expect(broken.after).toBe(0);
    expect(broken.before).toBeGreaterThan(0);
    const counts = await tableCounts(url);
    expect(counts).toMatchObject(traffic.expected);
    expect(await committedRecords(url, groupId, rawTopic)).toBe(RECORDS);
    await expectRollupsExact();
  });

  it('--from-offset 0 rebuilds every table exactly once', async () => {
    const run = runInProcess(['replay', '--from-offset', '0', '--yes'], env);
    expect(await run.done, `${run.out()}\n${run.err()}`).toBe(0);
    expect(await brokenText()).toEqual({ before: 0, after: 0 });
    const counts = await tableCounts(url);
    expect(counts).toMatchObject(traffic.expected);
    expect(counts.distinctSources).toBe(
      counts.chat + counts.gifts + counts.entries + counts.events,
    );
    expect(await committedRecords(url, groupId, rawTopic)).toBe(RECORDS);
    await expectRollupsExact();
  });
});
