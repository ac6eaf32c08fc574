import type { BackpressureState, RawRecord } from '@danmaku/collector';
import { IngestQueue } from '@danmaku/writer';
import { describe, expect, it } from 'vitest';
import { QueueSink } from './queue-sink';

const record = (seq: number): RawRecord => ({
  room: 1001,
  body: Buffer.from(`type@=chatmsg/cid@=c${seq}/`),
  receivedAtMs: 1_700_000_000_000 + seq,
  type: 'chatmsg',
  session: 's1',
  collector: 'c1',
  seq,
});

describe('QueueSink', () => {
  it('puts records in Kafka shape on the queue', async () => {
    const queue = new IngestQueue(10);
    const sink = new QueueSink(queue, { rawTopic: 'raw', sessionsTopic: 'sessions' });
    await sink.send(record(1));
    await sink.sendSession({
      session: 's1',
      room: 1001,
      collector: 'c1',
      transport: 'ws',
      endpoint: 'ws://x/',
      event: 'logged_in',
      at: 1_700_000_000_500,
      reason: null,
      messages: 1,
    });
    const [raw, session] = await queue.take(10, 0);
    expect(raw).toMatchObject({ topic: 'raw', key: '1001', timestampMs: 1_700_000_000_001 });
    expect(raw?.headers).toEqual({ type: 'chatmsg', session: 's1', collector: 'c1', seq: '1' });
    expect(session?.topic).toBe('sessions');
    expect(JSON.parse(String(session?.value))).toMatchObject({ event: 'logged_in', room: 1001 });
  });

  it('signals full, keeps order behind a full queue, and drains', async () => {
    const queue = new IngestQueue(4);
    const sink = new QueueSink(queue, { rawTopic: 'raw', sessionsTopic: 's', drainPollMs: 5 });
    const states: BackpressureState[] = [];
    sink.onBackpressure((state) => states.push(state));
    const pending = Array.from({ length: 10 }, (_, i) => Promise.resolve(sink.send(record(i))));
    expect(states).toEqual(['full']);
    expect(sink.isFull).toBe(true);
    const taken: string[] = [];
    while (taken.length < 10) {
      for (const item of await queue.take(3, 0)) taken.push(String(item.headers?.['seq']));
    }
    await Promise.all(pending);
    await sink.flush();
    expect(taken).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(states).toEqual(['full', 'drain']);
    expect(sink.accepted).toBe(10);
    await sink.close();
  });
});
