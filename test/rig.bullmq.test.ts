// Proves the Redis part of the test rig: a BullMQ job from add to completed.
import { Queue, QueueEvents, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { expect, it } from 'vitest';
import { describeWithServices, services, uniqueName } from './support/index.js';

interface SumJob {
  a: number;
  b: number;
}

describeWithServices(['redis'], 'rig: bullmq', () => {
  it('takes a job from add to completed', async () => {
    const { redisUrl } = services();
    const name = uniqueName('rig_queue');
    // One connection each: QueueEvents and Worker block on theirs.
    const connections: Redis[] = [];
    const connect = (): Redis => {
      const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
      connections.push(connection);
      return connection;
    };
    const queue = new Queue<SumJob, number>(name, { connection: connect() });
    const events = new QueueEvents(name, { connection: connect() });
    const worker = new Worker<SumJob, number>(
      name,
      (job) => Promise.resolve(job.data.a + job.data.b),
      {
        connection: connect(),
      },
    );
    try {
      await Promise.all([events.waitUntilReady(), worker.waitUntilReady()]);
      const job = await queue.add('sum', { a: 2, b: 3 });
      const result = await job.waitUntilFinished(events, 30_000);
      expect(result).toBe(5);
      expect(await queue.getJobState(job.id ?? '')).toBe('completed');
      expect(await queue.getJobCounts('completed', 'failed')).toEqual({ completed: 1, failed: 0 });
    } finally {
      await worker.close();
      await events.close();
      await queue.obliterate({ force: true });
      await queue.close();
      await Promise.all(connections.map((connection) => connection.quit()));
    }
  });
});
