import type { ChildProcess } from 'node:child_process';
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

const RECORDS = 40_000;
const KILLS = 5;

describeWithServices(['postgres', 'kafka'], 'writer: kill -9 at random moments', () => {
  const rawTopic = uniqueName('rawkill');
  const sessionsTopic = uniqueName('seskill');
  const groupId = uniqueName('writerkill');
  const traffic = makeTraffic(RECORDS, 12, 997);
  const children = new Set<ChildProcess>();
  const logs: string[] = [];
  let url: string;

  beforeAll(async () => {
    url = await freshDatabase('wkill');
    await migrate(url);
    await createTopic(services().kafkaBrokers, rawTopic, 3);
    await createTopic(services().kafkaBrokers, sessionsTopic, 1);
    await produce(kafkaClient(services().kafkaBrokers), rawTopic, traffic.messages);
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
        // Small batches so that a kill lands between many commits, short session so the dead
        // member's partitions are reassigned quickly.
        WRITER_MAX_BATCH_RECORDS: '500',
        WRITER_MAX_WAIT_MS: '50',
        WRITER_KAFKA_SESSION_TIMEOUT_MS: '6000',
        WRITER_KAFKA_REBALANCE_TIMEOUT_MS: '10000',
      },
      children,
      logs,
    );
  }

  it(`loses and duplicates nothing across ${KILLS} kill -9 restarts, then stops cleanly on SIGTERM`, async () => {
    onTestFailed(() =>
      console.error(
        `writer logs (last 60 lines):\n${logs.join('').split('\n').slice(-60).join('\n')}`,
      ),
    );
    const progress: number[] = [];
    for (let kill = 1; kill <= KILLS; kill++) {
      const before = await committedRecords(url, groupId, rawTopic);
      const { child, exited } = startChild();
      // A random moment inside the kill-th of KILLS + 1 equal stretches of the stream, so every
      // kill lands mid-stream and the last restart still has records to commit.
      const stretch = RECORDS / (KILLS + 1);
      const target = Math.max(before + 1, Math.floor(stretch * (kill - 1 + Math.random())));
      await waitFor(async () => (await committedRecords(url, groupId, rawTopic)) >= target, {
        timeoutMs: 90_000,
        intervalMs: 20,
        what: `progress to ${target} before kill ${kill}`,
      });
      await new Promise((r) => setTimeout(r, Math.random() * 150));
      child.kill('SIGKILL');
      await exited;
      progress.push(await committedRecords(url, groupId, rawTopic));
    }
    expect(progress.at(-1)).toBeLessThan(RECORDS);

    const { child, exited } = startChild();
    await waitFor(async () => (await committedRecords(url, groupId, rawTopic)) === RECORDS, {
      timeoutMs: 90_000,
      what: 'all records committed after the last restart',
    });
    child.kill('SIGTERM');
    expect(await exited).toBe(0);

    const counts = await tableCounts(url);
    const e = traffic.expected;
    expect(counts).toEqual({ ...e, distinctSources: e.chat + e.gifts + e.entries + e.events });
    // The daily rollups were written in the same transactions: equal to a recount of the rows.
    const rollups = await checkRollupsAt(url);
    expect(rollups.mismatches).toEqual(noMismatches);
    expect(rollups.rows.chatter_daily).toBeGreaterThan(0);
  });
});
