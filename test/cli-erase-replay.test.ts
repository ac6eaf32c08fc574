// `danmaku erase` then `danmaku replay --from-offset 0` against real Kafka and PostgreSQL: the
// raw topic still holds the erased user's records (Kafka cannot rewrite it), and the rebuilt
// tables still hold nothing of them, while every other row comes back.
import pg from 'pg';
import type { Message } from 'kafkajs';
import { beforeAll, expect, it } from 'vitest';
import { pgPoolClient } from '@danmaku/writer';
import { countUserRows } from '@danmaku/writer/database';
import { runInProcess } from './cli-support.js';
import { checkRollupsAt, noMismatches } from './rollup-recount.js';
import {
  createTopic,
  describeWithServices,
  freshDatabase,
  kafkaClient,
  services,
  uniqueName,
  waitFor,
} from './support/index.js';
import { committedRecords, DAY0, makeTraffic, produce, tableCounts } from './writer-traffic.js';

const ERASED = 777001;
const ROOM = 1003;

/** One of each kind for the user: chat, gift, entry, a room event and a record the writer refuses. */
function userMessages(): Message[] {
  return [
    `type@=chatmsg/rid@=${ROOM}/uid@=${ERASED}/nn@=gone/txt@=bye/cid@=erase-me/dms@=4/`,
    `type@=dgb/rid@=${ROOM}/uid@=${ERASED}/nn@=gone/gfid@=824/gfcnt@=2/hits@=2/`,
    `type@=uenter/rid@=${ROOM}/uid@=${ERASED}/nn@=gone/level@=5/`,
    `type@=blab/rid@=${ROOM}/uid@=${ERASED}/nn@=gone/bl@=6/bnn@=fans/`,
    `no type uid@=${ERASED}/`,
  ].map((value, i) => ({ key: String(ROOM), value, timestamp: String(DAY0 + 10_000 + i) }));
}

describeWithServices(['postgres', 'kafka'], 'danmaku erase survives a replay from offset 0', () => {
  const rawTopic = uniqueName('raw');
  const sessionsTopic = uniqueName('sessions');
  const groupId = uniqueName('group');
  const traffic = makeTraffic(200, 8);
  const total = traffic.messages.length + userMessages().length;
  let url: string;
  let env: Record<string, string>;

  const userRows = async (): Promise<Record<string, number>> => {
    const db = pgPoolClient(new pg.Pool({ connectionString: url, max: 1 }));
    try {
      return Object.fromEntries(await countUserRows(db, String(ERASED)));
    } finally {
      await db.close();
    }
  };

  beforeAll(async () => {
    const brokers = services().kafkaBrokers;
    await createTopic(brokers, rawTopic, 2);
    await createTopic(brokers, sessionsTopic, 1);
    await produce(kafkaClient(brokers), rawTopic, [...traffic.messages, ...userMessages()]);
    url = await freshDatabase('erase');
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
    const writer = runInProcess(['writer'], env);
    await waitFor(async () => (await committedRecords(url, groupId, rawTopic)) === total, {
      timeoutMs: 60_000,
      what: `${total} records committed`,
    });
    writer.interrupt();
    expect(await writer.done, writer.err()).toBe(0);
  });

  it('the writer stored the user in every table, then erase deletes them', async () => {
    const stored = await userRows();
    expect(Object.keys(stored).sort()).toEqual([
      'chat_message_ids',
      'chat_messages',
      'chatter_daily',
      'gift_daily',
      'gifts',
      'ingest_errors',
      'room_events',
      'user_entries',
    ]);
    // One row per event table; the rollups hold one per day zone (UTC and Asia/Shanghai).
    expect(stored).toEqual({
      chat_message_ids: 1,
      chat_messages: 1,
      chatter_daily: 2,
      gift_daily: 2,
      gifts: 1,
      ingest_errors: 1,
      room_events: 1,
      user_entries: 1,
    });
    const run = runInProcess(['erase', '--uid', String(ERASED), '--yes'], env);
    expect(await run.done, run.err()).toBe(0);
    expect(run.out()).toContain(`erased uid ${ERASED}: 10 row(s) deleted`);
    expect(Object.values(await userRows())).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect((await checkRollupsAt(url)).mismatches).toEqual(noMismatches);
  });

  it('replay from offset 0 rebuilds every other row and none of the erased user', async () => {
    const run = runInProcess(['replay', '--from-offset', '0', '--yes'], env);
    expect(await run.done, `${run.out()}\n${run.err()}`).toBe(0);
    expect(await committedRecords(url, groupId, rawTopic)).toBe(total);
    expect(Object.values(await userRows())).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect((await checkRollupsAt(url)).mismatches).toEqual(noMismatches);
    expect(await tableCounts(url)).toMatchObject(traffic.expected);
  });
});
