// The merge survives kill -9: two collectors' copies of every message (5 ms apart, the second
// copy's time alternately later and earlier), a writer killed at random moments and restarted;
// each message ends up stored once, and the rollups equal a recount. The merge state is the
// event tables themselves, committed with the offsets.
import type { ChildProcess } from 'node:child_process';
import type { Message } from 'kafkajs';
import { afterAll, beforeAll, expect, it, onTestFailed } from 'vitest';
import { migrate } from '@danmaku/writer';
import {
  createTopic,
  describeWithServices,
  freshDatabase,
  kafkaClient,
  services,
  uniqueName,
  waitFor,
} from './support/index.js';
import { checkRollupsAt, noMismatches } from './rollup-recount.js';
import { startWriterChild, type WriterChild } from './writer-child-process.js';
import { committedRecords, makeTraffic, produce, tableCounts } from './writer-traffic.js';

const MESSAGES = 12_000;
const KILLS = 3;

/** Each message, then the second collector's copy of it. */
function withReplica(messages: Message[]): Message[] {
  return messages.flatMap((m, i) => {
    const skewMs = i % 2 === 0 ? 5 : -5;
    const copy: Message = {
      ...m,
      timestamp: String(Number(m.timestamp) + skewMs),
      headers: { ...m.headers, collector: 'c2', session: `c2-${String(m.key)}` },
    };
    return [m, copy];
  });
}

describeWithServices(['postgres', 'kafka'], 'writer: the merge across kill -9', () => {
  const rawTopic = uniqueName('rawmkill');
  const sessionsTopic = uniqueName('sesmkill');
  const groupId = uniqueName('writermkill');
  const traffic = makeTraffic(MESSAGES, 6);
  const records = withReplica(traffic.messages);
  const children = new Set<ChildProcess>();
  const logs: string[] = [];
  let url: string;

  beforeAll(async () => {
    url = await freshDatabase('wmkill');
    await migrate(url);
    await createTopic(services().kafkaBrokers, rawTopic, 3);
    await createTopic(services().kafkaBrokers, sessionsTopic, 1);
    await produce(kafkaClient(services().kafkaBrokers), rawTopic, records);
  });

  afterAll(() => {
    for (const child of children) child.kill('SIGKILL');
  });

  function startChild(): WriterChild {
    return startWriterChild(
      {
        DATABASE_URL: url,
        KAFKA_BROKERS: services().kafkaBrokers.join(','),
        KAFKA_RAW_TOPIC: rawTopic,
        KAFKA_SESSIONS_TOPIC: sessionsTopic,
        WRITER_GROUP_ID: groupId,
        WRITER_MIGRATE: 'false',
        WRITER_METRICS_PORT: '-1',
        // Odd-sized small batches: kills land between many commits, and many pairs are split
        // between two batches.
        WRITER_MAX_BATCH_RECORDS: '301',
        WRITER_MAX_WAIT_MS: '50',
        WRITER_KAFKA_SESSION_TIMEOUT_MS: '6000',
        WRITER_KAFKA_REBALANCE_TIMEOUT_MS: '10000',
      },
      children,
      logs,
    );
  }

  it(`stores each message once across ${KILLS} kill -9 restarts`, async () => {
    onTestFailed(() =>
      console.error(
        `writer logs (last 60 lines):\n${logs.join('').split('\n').slice(-60).join('\n')}`,
      ),
    );
    const total = records.length;
    for (let kill = 1; kill <= KILLS; kill++) {
      const before = await committedRecords(url, groupId, rawTopic);
      const { child, exited } = startChild();
      const stretch = total / (KILLS + 1);
      const target = Math.max(before + 1, Math.floor(stretch * (kill - 1 + Math.random())));
      await waitFor(async () => (await committedRecords(url, groupId, rawTopic)) >= target, {
        timeoutMs: 90_000,
        intervalMs: 20,
        what: `progress to ${target} before kill ${kill}`,
      });
      await new Promise((r) => setTimeout(r, Math.random() * 150));
      child.kill('SIGKILL');
      await exited;
    }
    expect(await committedRecords(url, groupId, rawTopic)).toBeLessThan(total);

    const { child, exited } = startChild();
    await waitFor(async () => (await committedRecords(url, groupId, rawTopic)) === total, {
      timeoutMs: 90_000,
      what: 'all records committed after the last restart',
    });
    child.kill('SIGTERM');
    expect(await exited).toBe(0);

    const e = traffic.expected;
    expect(await tableCounts(url)).toEqual({
      ...e,
      distinctSources: e.chat + e.gifts + e.entries + e.events,
    });
    expect((await checkRollupsAt(url)).mismatches).toEqual(noMismatches);
  });
});
