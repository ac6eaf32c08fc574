import { readStoredOffsets, type SqlClient, type WriterConfig } from '@danmaku/writer';
import { kafkaClientSecurity } from '@danmaku/runtime';
import { Kafka, logLevel } from 'kafkajs';

/**
 * Waits until the group's stored offsets reach the high watermark of every raw partition as it
 * was when the replay started. False when stopped first (Ctrl-C).
 */
export async function waitUntilReplayed(
  db: SqlClient,
  config: WriterConfig,
  stop: Promise<string>,
  pollMs = 500,
): Promise<boolean> {
  const admin = new Kafka({
    clientId: config.clientId,
    brokers: config.kafkaBrokers,
    ...kafkaClientSecurity(config),
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  let ends: Map<number, bigint>;
  try {
    const offsets = await admin.fetchTopicOffsets(config.rawTopic);
    ends = new Map(offsets.map((p) => [p.partition, BigInt(p.high)]));
  } finally {
    await admin.disconnect();
  }
  let stopped = false;
  void stop.then(() => (stopped = true));
  while (!stopped) {
    const stored = await readStoredOffsets(db, config.groupId, config.rawTopic);
    const behind = [...ends].filter(
      ([partition, end]) => end > 0n && (stored.get(partition) ?? 0n) < end,
    );
    if (behind.length === 0) return true;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  return false;
}
