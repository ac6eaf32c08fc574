import { Kafka, logLevel } from 'kafkajs';

export function kafkaClient(brokers: string[], clientId = 'danmaku-test'): Kafka {
  // kafkajs 2 prints a partitioner notice on every producer otherwise.
  process.env['KAFKAJS_NO_PARTITIONER_WARNING'] = '1';
  return new Kafka({ clientId, brokers, logLevel: logLevel.WARN });
}

/** Creates a topic and waits for its leaders; throws if it already exists. */
export async function createTopic(brokers: string[], name: string, partitions = 1): Promise<void> {
  const admin = kafkaClient(brokers, 'danmaku-test-admin').admin();
  await admin.connect();
  try {
    const created = await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic: name, numPartitions: partitions, replicationFactor: 1 }],
    });
    if (!created) throw new Error(`topic ${name} already exists`);
  } finally {
    await admin.disconnect();
  }
}
