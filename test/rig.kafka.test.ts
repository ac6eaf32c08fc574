// Proves the Kafka part of the test rig: an idempotent kafkajs producer (acks -1) into a topic of
// several partitions, read back by a consumer group.
import { expect, it } from 'vitest';
import {
  createTopic,
  describeWithServices,
  kafkaClient,
  services,
  uniqueName,
  waitFor,
} from './support/index.js';

const keyCount = 50;
const perKey = 200;
const total = keyCount * perKey;
const sendBatchSize = 1_000;

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

describeWithServices(['kafka'], 'rig: kafka', () => {
  it('delivers 10,000 keyed messages exactly once and in order per key', async () => {
    const { kafkaBrokers } = services();
    const topic = uniqueName('rig_kafka');
    await createTopic(kafkaBrokers, topic, 4);
    const kafka = kafkaClient(kafkaBrokers, uniqueName('rig_client'));
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    const consumer = kafka.consumer({ groupId: uniqueName('rig_group'), maxWaitTimeInMs: 200 });
    const admin = kafka.admin();
    const sequencesByKey = new Map<string, number[]>();
    const partitionsByKey = new Map<string, Set<number>>();
    let received = 0;
    try {
      await Promise.all([producer.connect(), consumer.connect(), admin.connect()]);
      // Message i carries key i % keyCount and that key's sequence number, so keys interleave.
      for (let start = 0; start < total; start += sendBatchSize) {
        const messages = range(start, start + sendBatchSize).map((i) => ({
          key: `key${i % keyCount}`,
          value: String(Math.floor(i / keyCount)),
        }));
        await producer.send({ topic, acks: -1, messages });
      }
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        eachMessage: ({ partition, message }) => {
          const key = message.key?.toString() ?? 'missing';
          const sequences = sequencesByKey.get(key) ?? [];
          sequences.push(Number(message.value?.toString()));
          sequencesByKey.set(key, sequences);
          partitionsByKey.set(key, (partitionsByKey.get(key) ?? new Set()).add(partition));
          received += 1;
          return Promise.resolve();
        },
      });
      await waitFor(() => received >= total, {
        timeoutMs: 90_000,
        what: `${total} messages (have ${received})`,
      });

      // Idempotence: the log itself holds exactly `total` records, no retried duplicates.
      const offsets = await admin.fetchTopicOffsets(topic);
      const logged = offsets.reduce((sum, { high, low }) => sum + Number(high) - Number(low), 0);
      expect(logged).toBe(total);
    } finally {
      await Promise.allSettled([consumer.disconnect(), producer.disconnect(), admin.disconnect()]);
    }

    expect(received).toBe(total);
    expect([...sequencesByKey.keys()].sort()).toEqual(
      range(0, keyCount)
        .map((k) => `key${k}`)
        .sort(),
    );
    for (const [key, sequences] of sequencesByKey) {
      expect(sequences, key).toEqual(range(0, perKey));
      expect(partitionsByKey.get(key)?.size, key).toBe(1);
    }
    // Four partitions and 50 keys: the keys must actually have been spread.
    expect(new Set([...partitionsByKey.values()].flatMap((set) => [...set])).size).toBeGreaterThan(
      1,
    );
  });
});
