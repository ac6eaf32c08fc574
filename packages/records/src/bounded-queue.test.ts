import { describe, expect, it } from 'vitest';
import { BoundedQueue, QueueClosedError } from './bounded-queue.js';

const item = (n: number) => ({ topic: 't', key: '1', value: String(n), timestampMs: n });

describe('BoundedQueue', () => {
  it('is bounded: tryPush refuses when full, push waits for room', async () => {
    const queue = new BoundedQueue<ReturnType<typeof item>>(2);
    expect(queue.tryPush(item(1))).toBe(true);
    expect(queue.tryPush(item(2))).toBe(true);
    expect(queue.tryPush(item(3))).toBe(false);
    let pushed = false;
    const waiting = queue.push(item(3)).then(() => (pushed = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(pushed).toBe(false);
    expect((await queue.take(1, 0)).map((r) => r.value)).toEqual(['1']);
    await waiting;
    expect(queue.size).toBe(2);
  });

  it('take waits for the first record, then lingers for a fuller batch', async () => {
    const queue = new BoundedQueue<ReturnType<typeof item>>(100);
    const taken = queue.take(3, 1000);
    queue.tryPush(item(1));
    setTimeout(() => {
      queue.tryPush(item(2));
      queue.tryPush(item(3));
      queue.tryPush(item(4));
    }, 20);
    expect((await taken).map((r) => r.value)).toEqual(['1', '2', '3']);
    expect(queue.size).toBe(1);
  });

  it('after close: drains what is left, then returns [], and refuses pushes', async () => {
    const queue = new BoundedQueue<ReturnType<typeof item>>(10);
    queue.tryPush(item(1));
    queue.close();
    expect(() => queue.tryPush(item(2))).toThrow(QueueClosedError);
    expect(await queue.take(10, 1000)).toHaveLength(1);
    expect(await queue.take(10, 1000)).toEqual([]);
  });
});
