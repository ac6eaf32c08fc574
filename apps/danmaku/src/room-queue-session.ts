import type { CollectorConfig } from '@danmaku/collector';
import { RoomQueue } from '@danmaku/collector/room-queue';
import { Redis } from 'ioredis';

/**
 * A short-lived connection to the `rooms` queue for one command. Fail fast: a command must not
 * hang on an unreachable Redis the way a long-running worker may.
 */
export async function withRoomQueue<T>(
  config: CollectorConfig & { redisUrl: string },
  use: (queue: RoomQueue) => Promise<T>,
): Promise<T> {
  const redis = new Redis(config.redisUrl, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: true,
    connectTimeout: 5_000,
    retryStrategy: (attempt) => (attempt > 2 ? null : 200 * attempt),
    lazyConnect: true,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    const queue = new RoomQueue({
      connection: redis,
      queueName: config.queueName,
      prefix: config.queuePrefix,
      replicas: config.roomReplicas,
    });
    try {
      return await use(queue);
    } finally {
      await queue.close();
    }
  } finally {
    redis.disconnect();
  }
}
