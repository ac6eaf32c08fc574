import { describe, expect, it } from 'vitest';
import { contentHash } from './content-hash.js';
import { DEFAULT_MERGE_WINDOW_MS, firstCopies } from './merge.js';
import type { ContentKeyed } from './rows.js';
import { writerConfigSchema } from './config.js';

const T0 = Date.UTC(2026, 11, 4, 12);
const W = 2000;

/** By default every row comes from its own connection (replicas); `session` pins one. */
function row(
  offset: number,
  atMs: number,
  body = 'type@=dgb/rid@=1/gfid@=824/',
  roomId = 1,
  session = `s${offset}`,
) {
  const keyed: ContentKeyed = {
    receivedAtMs: T0 + atMs,
    roomId,
    sourcePartition: 0,
    sourceOffset: String(offset),
    contentHash: contentHash(Buffer.from(body)),
    sessionKey: contentHash(Buffer.from(session)),
  };
  return keyed;
}

const offsets = (rows: ContentKeyed[]): string[] => rows.map((r) => r.sourceOffset);

describe('contentHash', () => {
  it('is a signed int8 in decimal, equal for equal bytes, different for one byte changed', () => {
    const a = contentHash(Buffer.from('type@=uenter/rid@=1/uid@=7/'));
    expect(a).toMatch(/^-?\d{1,19}$/);
    expect(BigInt(a) >= -(2n ** 63n) && BigInt(a) < 2n ** 63n).toBe(true);
    expect(contentHash(Buffer.from('type@=uenter/rid@=1/uid@=7/'))).toBe(a);
    expect(contentHash(Buffer.from('type@=uenter/rid@=1/uid@=8/'))).not.toBe(a);
    expect(contentHash(Buffer.from('type@=uenter/rid@=1/uid@=7/\u0000'))).not.toBe(a);
  });

  it('gives 100,000 distinct bodies 100,000 distinct hashes', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) seen.add(contentHash(Buffer.from(`type@=dgb/uid@=${i}/`)));
    expect(seen.size).toBe(100_000);
  });
});

describe('firstCopies: within one batch, the first copy in offset order wins', () => {
  it('never takes two rows of one connection for copies (it receives a broadcast once)', () => {
    const body = 'type@=uenter/rid@=1/uid@=7/';
    const same = [row(1, 0, body, 1, 'a'), row(2, 5, body, 1, 'a'), row(3, 6, body, 1, 'b')];
    // a's two are two messages; b's is a copy of one of them.
    expect(offsets(firstCopies(same, new Set(), W))).toEqual(['1', '2']);
  });

  it('two replicas 5 ms apart: one row, the first', () => {
    expect(offsets(firstCopies([row(1, 0), row(2, 5)], new Set(), W))).toEqual(['1']);
  });

  it('symmetric: the second replica may carry the earlier receive time', () => {
    expect(offsets(firstCopies([row(1, 5), row(2, 0)], new Set(), W))).toEqual(['1']);
    expect(offsets(firstCopies([row(1, W - 1), row(2, 0)], new Set(), W))).toEqual(['1']);
  });

  it('the same body a window or more apart is two messages, either way round', () => {
    expect(offsets(firstCopies([row(1, 0), row(2, W)], new Set(), W))).toEqual(['1', '2']);
    expect(offsets(firstCopies([row(1, W), row(2, 0)], new Set(), W))).toEqual(['1', '2']);
  });

  it('another body, or the same body in another room, is never merged', () => {
    const rows = [row(1, 0), row(2, 1, 'type@=dgb/rid@=1/gfid@=825/'), row(3, 2, undefined, 2)];
    expect(offsets(firstCopies(rows, new Set(), W))).toEqual(['1', '2', '3']);
  });

  it('a row with a stored twin is dropped, and then does not shadow later rows', () => {
    // Stored S at -1500 ms shadows offset 1 (at 0); offset 2 (at 1500) is 3 s from S: stored,
    // as it would be had 1 and 2 come in separate batches.
    const rows = [row(1, 0), row(2, 1500), row(3, 1505)];
    expect(offsets(firstCopies(rows, new Set([0]), W))).toEqual(['2']);
  });

  it('window 2 s is the default of WRITER_MERGE_WINDOW_MS', () => {
    expect(DEFAULT_MERGE_WINDOW_MS).toBe(2000);
    const parsed = writerConfigSchema.parse({ mode: 'embedded' });
    expect(parsed.mergeWindowMs).toBe(DEFAULT_MERGE_WINDOW_MS);
  });
});
