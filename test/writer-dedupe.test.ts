import type { Message } from 'kafkajs';
import { afterAll, expect, it } from 'vitest';
import { silentLogger } from '@danmaku/runtime';
import { migrate, parseWriterConfig, startWriter } from '@danmaku/writer';
import type { RunningWriter } from '@danmaku/writer';
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
import { committedRecords, produce } from './writer-traffic.js';

const MESSAGES = 3000;
// Starts one second before a UTC midnight: the second collector's copy of some messages lands on
// the next day (another partition of chat_messages) and must still be recognised.
const START = Date.UTC(2024, 8, 30, 23, 59, 59);

function collectorCopy(collector: string, lagMs: number): Message[] {
  return Array.from({ length: MESSAGES }, (_, i) => {
    const body =
      i % 10 === 9
        ? `type@=dgb/rid@=77/gfid@=1/gfcnt@=1/hits@=1/uid@=${i}/`
        : `type@=chatmsg/rid@=77/uid@=${i % 50}/nn@=n/txt@=t${i}/cid@=${i.toString(16)}abcdef/dms@=1/`;
    return {
      key: '77',
      value: body,
      timestamp: String(START + i + lagMs),
      headers: { type: 'x', session: `${collector}-s`, collector, seq: String(i) },
    };
  });
}

describeWithServices(['postgres', 'kafka'], 'writer: two collectors on one room', () => {
  let running: RunningWriter | undefined;
  afterAll(async () => {
    await running?.stop();
  });

  it('dedupes their chat on (room, cid) and their gifts by body, even across midnight', async () => {
    const url = await freshDatabase('wdedupe');
    await migrate(url);
    const rawTopic = uniqueName('rawdup');
    const groupId = uniqueName('writerdup');
    const sessionsTopic = uniqueName('sesdup');
    await createTopic(services().kafkaBrokers, rawTopic, 1);
    await createTopic(services().kafkaBrokers, sessionsTopic, 1);
    const a = collectorCopy('c1', 0);
    const b = collectorCopy('c2', 1500);
    const interleaved = a.flatMap((m, i) => [m, b[i] as Message]);
    await produce(kafkaClient(services().kafkaBrokers), rawTopic, interleaved);

    running = await startWriter({
      config: parseWriterConfig({
        databaseUrl: url,
        kafkaBrokers: services().kafkaBrokers,
        rawTopic,
        sessionsTopic,
        groupId,
        migrate: false,
        metricsPort: -1,
        maxWaitMs: 100,
        maxBatchRecords: 700,
      }),
      logger: silentLogger,
    });
    await waitFor(async () => (await committedRecords(url, groupId, rawTopic)) === 2 * MESSAGES, {
      timeoutMs: 60_000,
      what: 'both copies committed',
    });
    await withPg(url, async (c) => {
      const chat = await c.query<{ n: number; cids: number; days: number }>(
        `SELECT count(*)::int AS n, count(DISTINCT cid)::int AS cids,
                count(DISTINCT (received_at AT TIME ZONE 'UTC')::date)::int AS days FROM chat_messages`,
      );
      expect(chat.rows[0]).toEqual({ n: MESSAGES * 0.9, cids: MESSAGES * 0.9, days: 2 });
      // The first copy to arrive wins: collector c1 (its copy is 1.5 s ahead).
      const late = await c.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM chat_messages WHERE source_offset % 2 = 1`,
      );
      expect(late.rows[0]?.n).toBe(0);
      // Gifts carry no message id: merged by body within the merge window (1.5 s < 2 s).
      const gifts = await c.query<{ n: number; late: number }>(
        'SELECT count(*)::int AS n, count(*) FILTER (WHERE source_offset % 2 = 1)::int AS late FROM gifts',
      );
      expect(gifts.rows[0]).toEqual({ n: MESSAGES * 0.1, late: 0 });
    });
  });
});
