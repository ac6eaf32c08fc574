import { describe, expect, it } from 'vitest';
import { RECORD_OVERHEAD_BYTES, RecordBuffer } from './record-buffer.js';
import type { RawRecord } from '@danmaku/records';

const record = (seq: number, bytes = 40): RawRecord => ({
  room: 1,
  body: Buffer.alloc(bytes, 0x61),
  receivedAtMs: seq,
  type: 'chatmsg',
  session: 's',
  collector: 'c',
  seq,
});

describe('RecordBuffer', () => {
  it('refuses records past the record cap and reports full/drain at the watermarks', () => {
    const buffer = new RecordBuffer({ maxBytes: 1e9, maxRecords: 10 });
    const states: string[] = [];
    buffer.onBackpressure((s) => states.push(s));
    const accepted = Array.from({ length: 12 }, (_, i) => buffer.push(record(i)));
    expect(accepted.filter(Boolean)).toHaveLength(10);
    expect(states).toEqual(['full']);
    const batch = buffer.take(6, 1e9);
    expect(batch.records.map((r) => r.seq)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(buffer.records).toBe(10); // taken records still count until released
    buffer.release(batch);
    expect(buffer.records).toBe(4);
    expect(states).toEqual(['full', 'drain']);
  });

  it('caps bytes, counting a per-record overhead', () => {
    const buffer = new RecordBuffer({
      maxBytes: 3 * (100 + RECORD_OVERHEAD_BYTES),
      maxRecords: 1e6,
    });
    expect([1, 2, 3, 4].map((i) => buffer.push(record(i, 100)))).toEqual([true, true, true, false]);
    expect(buffer.bytes).toBe(3 * (100 + RECORD_OVERHEAD_BYTES));
  });

  it('takes by bytes but always at least one record', () => {
    const buffer = new RecordBuffer({ maxBytes: 1e9, maxRecords: 100 });
    for (let i = 0; i < 5; i++) buffer.push(record(i, 1000));
    expect(buffer.take(100, 10).records).toHaveLength(1);
    expect(buffer.take(100, 2 * (1000 + RECORD_OVERHEAD_BYTES)).records).toHaveLength(2);
    expect(buffer.pending).toBe(2);
    expect(buffer.pendingBytes).toBe(2 * (1000 + RECORD_OVERHEAD_BYTES));
  });

  it('keeps session events apart from the record caps', () => {
    const buffer = new RecordBuffer({ maxBytes: 1e9, maxRecords: 1 });
    buffer.push(record(1));
    expect(
      buffer.pushSession({
        session: 's',
        room: 1,
        collector: 'c',
        transport: 'ws',
        endpoint: 'e',
        event: 'connected',
        at: 1,
        reason: null,
        messages: 0,
      }),
    ).toBe(true);
    const batch = buffer.take(10, 1e9);
    expect(batch.records).toHaveLength(1);
    expect(batch.sessions).toHaveLength(1);
  });
});
