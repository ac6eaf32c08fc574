import { describe, expect, it } from 'vitest';
import type { RawRecord } from './raw-record.js';
import { RecordChannel, type RecordChannelOptions } from './record-channel.js';
import type { BackpressureState } from './record-sink.js';
import type { SourceBatch } from './record-source.js';
import type { SessionEvent } from './session-event.js';

const topics = { raw: 'raw', sessions: 'sessions' };

const record = (seq: number, room = 1001): RawRecord => ({
  room,
  body: Buffer.from(`type@=chatmsg/cid@=c${seq}/`),
  receivedAtMs: 1_700_000_000_000 + seq,
  type: 'chatmsg',
  session: 's1',
  collector: 'c1',
  seq,
});

const event: SessionEvent = {
  session: 's1',
  room: 1001,
  collector: 'c1',
  transport: 'ws',
  endpoint: 'ws://x/',
  event: 'logged_in',
  at: 1_700_000_000_500,
  reason: null,
  messages: 1,
};

function channel(options: Partial<RecordChannelOptions> = {}): RecordChannel {
  return new RecordChannel({ capacity: 10, topics, maxBatchRecords: 10, lingerMs: 0, ...options });
}

/** Starts the channel as the writer would, collecting every batch it hands over. */
async function consume(c: RecordChannel, stored = new Map<number, bigint>()) {
  const batches: SourceBatch[] = [];
  await c.start(
    (batch) => {
      batches.push(batch);
      return Promise.resolve(true);
    },
    (topic) => Promise.resolve(topic === 'embedded-queue' ? stored : new Map<number, bigint>()),
  );
  return batches;
}

describe('RecordChannel', () => {
  it('hands the typed records over as they were sent, numbered on from the stored offset', async () => {
    const c = channel();
    const raw = record(1);
    await c.send(raw);
    await c.sendSession(event);
    const batches = await consume(c, new Map([[-1, 5n]]));
    await c.stop();
    const [batch] = batches;
    expect(batch?.entries[0]).toEqual({
      kind: 'raw',
      position: { topic: 'raw', partition: -1, offset: '5', timestampMs: 1_700_000_000_001 },
      record: raw,
    });
    expect(batch?.entries[0]?.kind === 'raw' && batch.entries[0].record).toBe(raw);
    expect(batch?.entries[1]).toEqual({
      kind: 'session',
      position: { topic: 'sessions', partition: -1, offset: '6', timestampMs: 1_700_000_000_500 },
      event,
    });
    expect(batch?.commits).toEqual([{ topic: 'embedded-queue', partition: -1, nextOffset: '7' }]);
  });

  it('signals full, keeps order behind a full queue, and drains', async () => {
    const c = channel({ capacity: 4, maxBatchRecords: 3, drainPollMs: 5 });
    const states: BackpressureState[] = [];
    c.onBackpressure((state) => states.push(state));
    const pending = Array.from({ length: 10 }, (_, i) => Promise.resolve(c.send(record(i))));
    expect(states).toEqual(['full']);
    expect(c.isFull).toBe(true);
    const batches = await consume(c);
    await Promise.all(pending);
    await c.flush();
    while (batches.flatMap((b) => b.entries).length < 10)
      await new Promise((r) => setTimeout(r, 1));
    const seqs = batches.flatMap((b) =>
      b.entries.map((e) => (e.kind === 'raw' ? e.record.seq : -1)),
    );
    expect(seqs).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(batches.every((b) => b.entries.length <= 3)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(states).toEqual(['full', 'drain']);
    expect(c.accepted).toBe(10);
    await c.close();
    await c.stop();
  });

  it('checks the contract as the Kafka decoder does: a breach keeps its Kafka bytes', async () => {
    const c = channel();
    await c.send(record(1, 0));
    await c.sendSession({ ...event, transport: 'udp' as 'ws' });
    const batches = await consume(c);
    await c.stop();
    const [bad, badSession] = batches[0]?.entries ?? [];
    expect(bad).toMatchObject({
      kind: 'undecodable',
      reason: 'invalid_key',
      detail: 'key "0"',
      wire: { key: Buffer.from('0'), value: record(1).body, headers: { seq: '1' } },
    });
    expect(badSession).toMatchObject({
      kind: 'undecodable',
      reason: 'invalid_session_event',
      detail: expect.stringMatching(/transport/) as unknown,
      wire: { key: Buffer.from('1001'), headers: {} },
    });
  });

  it('after stop: drains what is left, then refuses sends', async () => {
    const c = channel();
    await c.send(record(1));
    const batches = await consume(c);
    await c.stop();
    expect(batches.flatMap((b) => b.entries)).toHaveLength(1);
    expect(() => c.send(record(2))).toThrow('ingest queue is closed');
    // The refused send was received and not written: it counts.
    expect(c.unwritten).toBe(1);
  });

  it('counts as unwritten what no committed batch carried: abandoned, queued, waiting', async () => {
    const c = channel({ capacity: 3, maxBatchRecords: 2, drainTimeoutMs: 20 });
    for (let i = 0; i < 5; i++) void c.send(record(i));
    const seen: number[] = [];
    // The database takes the first batch, then fails for good: the writer abandons the second.
    await c.start(
      (batch) => {
        seen.push(batch.entries.length);
        return Promise.resolve(seen.length === 1);
      },
      () => Promise.resolve(new Map<number, bigint>()),
    );
    await c.stop();
    expect(seen).toEqual([2, 2]);
    expect(c.accepted).toBe(5);
    expect(c.unwritten).toBe(3);
    expect(channel().unwritten).toBe(0);
  });
});
