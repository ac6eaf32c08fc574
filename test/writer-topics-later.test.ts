import { silentLogger, type Logger } from '@danmaku/runtime';
import { migrate, parseWriterConfig, startWriter } from '@danmaku/writer';
import type { RunningWriter } from '@danmaku/writer';
import { afterAll, expect, it } from 'vitest';
import {
  createTopic,
  describeWithServices,
  freshDatabase,
  kafkaClient,
  services,
  uniqueName,
  waitFor,
} from './support/index.js';
import { committedRecords, makeTraffic, produce, writerTestConfig } from './writer-traffic.js';

// Operators start writers first, and a fresh cluster has no topics yet: the writer waits for
// them (one log line, not ready meanwhile) instead of exiting, and consumes once they exist.

const RECORDS = 500;

describeWithServices(['postgres', 'kafka'], 'writer started before its topics exist', () => {
  const rawTopic = uniqueName('raw_later');
  const sessionsTopic = uniqueName('sessions_later');
  const groupId = uniqueName('writer_later');
  let running: RunningWriter | undefined;

  afterAll(async () => {
    await running?.stop();
  });

  it('waits, not ready, then writes what arrives once the topics are created', async () => {
    const url = await freshDatabase('wlater');
    await migrate(url);
    const warnings: string[] = [];
    const logger: Logger = {
      ...silentLogger,
      warn: (message) => void warnings.push(message),
      child: () => logger,
    };
    running = await startWriter({
      config: parseWriterConfig(writerTestConfig(url, { rawTopic, sessionsTopic }, groupId)),
      logger,
      onFatal: (error) => {
        throw error;
      },
    });
    const readyz = (running.metricsServer?.url ?? '').replace(/\/metrics$/, '/readyz');
    expect((await fetch(readyz)).status).toBe(503);
    expect(warnings).toContain('waiting for the topics to exist; retrying with backoff');

    const { kafkaBrokers } = services();
    await createTopic(kafkaBrokers, rawTopic, 2);
    await createTopic(kafkaBrokers, sessionsTopic, 1);
    const traffic = makeTraffic(RECORDS, 4);
    await produce(kafkaClient(kafkaBrokers), rawTopic, traffic.messages);
    await waitFor(async () => (await committedRecords(url, groupId, rawTopic)) === RECORDS, {
      timeoutMs: 90_000,
      what: 'the records written after the topics appeared',
    });
    await waitFor(async () => (await fetch(readyz)).status === 200, { timeoutMs: 10_000 });
    expect(warnings.filter((w) => w.startsWith('waiting for the topics'))).toHaveLength(1);
  }, 120_000);
});
