import { describe, expect, it } from 'vitest';
import { KafkaSink, type ProducerLike, type ProducerMessage } from './kafka-sink.js';
import { createCollectorMetrics } from './metrics.js';
import type { RawRecord } from '@danmaku/records';

interface SentBatch {
  topic: string;
  messages: ProducerMessage[];
}

/** A producer over an array; `gate` lets a test hold or fail sends. */
function arrayProducer() {
  const sends: SentBatch[][] = [];
  let gate: (() => Promise<void>) | undefined;
  const producer: ProducerLike = {
    connect: () => Promise.resolve(),
    disconnect: () => Promise.resolve(),
    async sendBatch(batch) {
      if (gate) await gate();
      sends.push(batch.topicMessages.map((t) => ({ topic: t.topic, messages: [...t.messages] })));
    },
  };
  return { producer, sends, setGate: (g: typeof gate) => (gate = g) };
}

const record = (seq: number, bytes = 20): RawRecord => ({
  room: 9999,
  body: Buffer.from(`type@=chatmsg/txt@=${'x'.repeat(bytes)}/`),
  receivedAtMs: 1_700_000_000_000 + seq,
  type: 'chatmsg',
  session: 'sess-1',
  collector: 'col-1',
  seq,
});

function makeSink(
  producer: ProducerLike,
  overrides: Partial<ConstructorParameters<typeof KafkaSink>[0]> = {},
) {
  const metrics = createCollectorMetrics();
  const sink = new KafkaSink({
    producer,
    rawTopic: 'raw',
    sessionsTopic: 'sessions',
    batchMaxRecords: 3,
    batchMaxBytes: 1_000_000,
    lingerMs: 40,
    bufferMaxBytes: 1_000_000,
    bufferMaxRecords: 10,
    metrics,
    ...overrides,
  });
  return { sink, metrics };
}

const value = async (
  metric: { get(): Promise<{ values: Array<{ value: number; labels: object }> }> },
  labels: object = {},
) =>
  (await metric.get()).values.find((v) => JSON.stringify(v.labels) === JSON.stringify(labels))
    ?.value ?? 0;

describe('KafkaSink', () => {
  it('writes the record contract: key, value bytes, timestamp, headers', async () => {
    const { producer, sends } = arrayProducer();
    const { sink } = makeSink(producer);
    await sink.start();
    sink.send(record(7));
    await sink.flush();
    const [message] = sends[0]?.[0]?.messages ?? [];
    expect(sends[0]?.[0]?.topic).toBe('raw');
    expect(message).toEqual({
      key: '9999',
      value: record(7).body,
      timestamp: String(1_700_000_000_007),
      headers: { type: 'chatmsg', session: 'sess-1', collector: 'col-1', seq: '7' },
    });
  });

  it('batches by count at once and by age after lingerMs', async () => {
    const { producer, sends } = arrayProducer();
    const { sink } = makeSink(producer, { lingerMs: 60 });
    await sink.start();
    for (let i = 1; i <= 7; i++) sink.send(record(i));
    await new Promise((r) => setTimeout(r, 10));
    expect(sends.map((s) => s[0]?.messages.length)).toEqual([3, 3]);
    await new Promise((r) => setTimeout(r, 100));
    expect(sends.map((s) => s[0]?.messages.length)).toEqual([3, 3, 1]);
  });

  it('retries a failed batch as the same batch and loses nothing', async () => {
    const { producer, sends, setGate } = arrayProducer();
    const { sink, metrics } = makeSink(producer, { lingerMs: 0 });
    let failures = 2;
    setGate(() => (failures-- > 0 ? Promise.reject(new Error('broker down')) : Promise.resolve()));
    await sink.start();
    sink.send(record(1));
    sink.send(record(2));
    await sink.flush();
    const seqs = sends.flatMap((s) => s.flatMap((t) => t.messages.map((m) => m.headers?.['seq'])));
    expect(seqs).toEqual(['1', '2']);
    expect(await value(metrics.sendErrors)).toBe(2);
    expect(await value(metrics.recordsSent)).toBe(2);
  });

  it('signals full at the high watermark, drops past the cap, and drains after sends', async () => {
    const { producer, setGate } = arrayProducer();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    setGate(() => held);
    const { sink, metrics } = makeSink(producer, { lingerMs: 0, batchMaxRecords: 100 });
    const states: string[] = [];
    sink.onBackpressure((s) => states.push(s));
    await sink.start();
    for (let i = 1; i <= 12; i++) sink.send(record(i));
    expect(states).toEqual(['full']);
    expect(sink.isFull).toBe(true);
    expect(await value(metrics.recordsDropped, { reason: 'buffer_full' })).toBe(2);
    expect(await value(metrics.recordsBuffered)).toBe(10);
    release();
    await sink.flush();
    expect(states).toEqual(['full', 'drain']);
    expect(await value(metrics.recordsSent)).toBe(10);
  });

  it('sends session events to the sessions topic', async () => {
    const { producer, sends } = arrayProducer();
    const { sink } = makeSink(producer);
    await sink.start();
    const event = {
      session: 's',
      room: 1,
      collector: 'c',
      transport: 'ws' as const,
      endpoint: 'ws://x/',
      event: 'connected' as const,
      at: 5,
      reason: null,
      messages: 0,
    };
    sink.sendSession(event);
    await sink.flush();
    expect(sends[0]?.[0]).toEqual({
      topic: 'sessions',
      messages: [{ key: '1', value: JSON.stringify(event) }],
    });
  });

  it('close() is bounded when the broker never answers and counts what is left', async () => {
    const { producer, setGate } = arrayProducer();
    setGate(() => new Promise<void>(() => undefined));
    const { sink, metrics } = makeSink(producer, { lingerMs: 0 });
    await sink.start();
    sink.send(record(1));
    sink.send(record(2));
    const started = Date.now();
    await sink.close(200);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await value(metrics.recordsDropped, { reason: 'shutdown' })).toBe(2);
    sink.send(record(3));
    expect(await value(metrics.recordsDropped, { reason: 'closed' })).toBe(1);
  });
});
