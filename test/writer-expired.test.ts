import { afterAll, beforeAll, expect, it } from 'vitest';
import { silentLogger } from '@danmaku/runtime';
import { migrate, parseWriterConfig, startWriter } from '@danmaku/writer';
import type { RunningWriter, WriterConfigInput } from '@danmaku/writer';
import {
  createTopic,
  describeWithServices,
  freshDatabase,
  kafkaClient,
  services,
  uniqueName,
  waitFor,
} from './support/index.js';
import {
  committedRecords,
  makeTraffic,
  produce,
  tableCounts,
  writerTestConfig,
} from './writer-traffic.js';

// Records Kafka deleted (retention, or an operator's delete-records) before the writer read them
// are lost upstream of the writer. It must not stall on the gap, and must count and report it.

describeWithServices(['postgres', 'kafka'], 'writer: records expired from Kafka', () => {
  const rawTopic = uniqueName('raw');
  const sessionsTopic = uniqueName('sessions');
  const groupId = uniqueName('writer');
  const traffic = makeTraffic(300, 4);
  let url: string;
  let running: RunningWriter | undefined;
  const config = (): WriterConfigInput =>
    writerTestConfig(url, { rawTopic, sessionsTopic }, groupId);
  const committed = async (n: number, what: string): Promise<void> => {
    await waitFor(async () => (await committedRecords(url, groupId, rawTopic)) === n, {
      timeoutMs: 60_000,
      what,
    });
  };

  beforeAll(async () => {
    url = await freshDatabase('wexpired');
    await migrate(url);
    await createTopic(services().kafkaBrokers, rawTopic, 1);
    await createTopic(services().kafkaBrokers, sessionsTopic, 1);
  });
  afterAll(async () => {
    await running?.stop();
  });

  it('skips the deleted offsets, counts them and writes the rest', async () => {
    const kafka = kafkaClient(services().kafkaBrokers);
    await produce(kafka, rawTopic, traffic.messages.slice(0, 200));
    running = await startWriter({ config: parseWriterConfig(config()), logger: silentLogger });
    await committed(200, 'the first 200 records');
    await running.stop();
    running = undefined;

    await produce(kafka, rawTopic, traffic.messages.slice(200));
    const admin = kafka.admin();
    await admin.connect();
    await admin.fetchTopicMetadata({ topics: [rawTopic] }); // deleteTopicRecords needs it loaded
    await admin.deleteTopicRecords({
      topic: rawTopic,
      partitions: [{ partition: 0, offset: '250' }],
    });
    await admin.disconnect();

    running = await startWriter({ config: parseWriterConfig(config()), logger: silentLogger });
    await committed(300, 'the stored position moved past the gap to the end');
    const counts = await tableCounts(url);
    expect(counts.chat + counts.gifts + counts.entries + counts.events).toBe(250);
    const metrics = await (await fetch(running.metricsServer?.url ?? '')).text();
    expect(metrics).toContain(`danmaku_writer_records_expired_total{topic="${rawTopic}"} 50`);
  });
});
