import { describe, expect, it } from 'vitest';
import { MessageQueue } from './message-queue.js';

function recordingQueue(highWaterMark: number) {
  const calls: string[] = [];
  const queue = new MessageQueue<number>({
    highWaterMark,
    onFull: () => calls.push('full'),
    onDrained: () => calls.push('drained'),
    onReturn: () => calls.push('return'),
  });
  return { queue, calls };
}

describe('MessageQueue', () => {
  it('delivers in order, to a waiting consumer and from the buffer', async () => {
    const { queue } = recordingQueue(10);
    const first = queue.next();
    queue.push(1);
    queue.push(2);
    queue.push(3);
    expect(await first).toEqual({ value: 1, done: false });
    expect(queue.size).toBe(2);
    expect(await queue.next()).toEqual({ value: 2, done: false });
    expect(await queue.next()).toEqual({ value: 3, done: false });
  });

  it('reports full at highWaterMark and drained at half, once each time', async () => {
    const { queue, calls } = recordingQueue(4);
    for (let i = 0; i < 6; i += 1) queue.push(i);
    expect(calls).toEqual(['full']);
    expect(queue.isFull).toBe(true);
    expect(queue.size).toBe(6); // overshoot is kept, never dropped
    for (let i = 0; i < 3; i += 1) await queue.next();
    expect(calls).toEqual(['full']); // 3 left > 2
    expect((await queue.next()).value).toBe(3);
    expect(calls).toEqual(['full', 'drained']);
    for (let i = 0; i < 4; i += 1) queue.push(10 + i);
    expect(calls).toEqual(['full', 'drained', 'full']);
  });

  it('lets the consumer drain the buffer after end(), then reports done', async () => {
    const { queue } = recordingQueue(10);
    queue.push(1);
    queue.end();
    queue.push(2); // ignored after end
    expect(await queue.next()).toEqual({ value: 1, done: false });
    expect(await queue.next()).toEqual({ value: undefined, done: true });
  });

  it('resolves a waiting consumer with done on end()', async () => {
    const { queue } = recordingQueue(10);
    const pending = queue.next();
    queue.end();
    expect(await pending).toEqual({ value: undefined, done: true });
  });

  it('calls onReturn once when the consumer breaks out of for await', async () => {
    const { queue, calls } = recordingQueue(10);
    queue.push(1);
    queue.push(2);
    const seen: number[] = [];
    for await (const n of queue) {
      seen.push(n);
      break;
    }
    await queue.return();
    expect(seen).toEqual([1]);
    expect(calls).toEqual(['return']);
    expect(queue.size).toBe(0);
    expect(await queue.next()).toEqual({ value: undefined, done: true });
  });

  it('keeps FIFO order across its internal compaction', async () => {
    const { queue } = recordingQueue(100_000);
    for (let i = 0; i < 5_000; i += 1) queue.push(i);
    const out: number[] = [];
    for (let i = 0; i < 3_000; i += 1) out.push((await queue.next()).value as number);
    for (let i = 5_000; i < 6_000; i += 1) queue.push(i);
    while (queue.size > 0) out.push((await queue.next()).value as number);
    expect(out).toEqual(Array.from({ length: 6_000 }, (_, i) => i));
  });

  it('rejects a non-positive highWaterMark', () => {
    expect(() => recordingQueue(0)).toThrow(RangeError);
  });
});
