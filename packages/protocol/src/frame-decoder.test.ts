import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProtocolError, type ProtocolErrorCode } from './errors.js';
import { encodeFrame, SERVER_FRAME_TYPE } from './frame.js';
import { FrameDecoder, type Frame } from './frame-decoder.js';
import { loadSamples } from './samples.fixture.js';

// CJK, emoji (4-byte UTF-8), and '/' and '@' inside text (escaped, as on the wire).
const BODIES = [
  'type@=chatmsg/nn@=小明/txt@=你好，世界/',
  'type@=chatmsg/nn@=a@Ab/txt@=😊😊 1@S2 @ASam/',
  'type@=mrkl/',
  '',
  'type@=uenter/nn@=须予银鞍绣毂迎倾心人/el@=eid@AA=1@AS@S/',
];

const stream = (bodies: string[]): Buffer =>
  Buffer.concat(bodies.map((b) => encodeFrame(b, SERVER_FRAME_TYPE)));

/** Small Buffers share Node's pool; an own ArrayBuffer makes "is it a view?" checkable. */
function unpooled(bytes: Uint8Array): Buffer {
  const own = Buffer.alloc(bytes.length);
  own.set(bytes);
  return own;
}

function decodeChunks(chunks: Uint8Array[], decoder = new FrameDecoder()): Frame[] {
  const frames: Frame[] = [];
  for (const chunk of chunks) {
    decoder.push(chunk);
    for (const frame of decoder) frames.push(frame);
  }
  expect(decoder.bufferedBytes).toBe(0);
  return frames;
}

const bodiesOf = (frames: Frame[]): string[] => frames.map((f) => f.body.toString('utf8'));

function expectProtocolError(run: () => unknown, code: ProtocolErrorCode): void {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ProtocolError);
  expect((thrown as ProtocolError).code).toBe(code);
}

describe('FrameDecoder: reassembly', () => {
  const bytes = unpooled(stream(BODIES));

  it('decodes many frames from one chunk as zero-copy views', () => {
    const frames = decodeChunks([bytes]);
    expect(bodiesOf(frames)).toEqual(BODIES);
    for (const frame of frames) {
      expect(frame.type).toBe(SERVER_FRAME_TYPE);
      expect(frame.body.buffer).toBe(bytes.buffer);
    }
  });

  it('gives the same bodies when the stream is split at every offset', () => {
    for (let cut = 0; cut <= bytes.length; cut++) {
      const frames = decodeChunks([bytes.subarray(0, cut), bytes.subarray(cut)]);
      expect(bodiesOf(frames), `cut at ${cut}`).toEqual(BODIES);
    }
  });

  it('gives the same bodies when fed one byte at a time', () => {
    const chunks = Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1));
    expect(bodiesOf(decodeChunks(chunks))).toEqual(BODIES);
  });

  it('joins only frames that span chunks', () => {
    const first = encodeFrame('type@=a/', SERVER_FRAME_TYPE);
    const second = encodeFrame('type@=b/', SERVER_FRAME_TYPE);
    const chunk1 = unpooled(Buffer.concat([first, second.subarray(0, 5)]));
    const chunk2 = unpooled(second.subarray(5));
    const frames = decodeChunks([chunk1, chunk2]);
    expect(frames[0]?.body.buffer).toBe(chunk1.buffer);
    expect(frames[0]?.body.byteOffset).toBe(12);
    expect(frames[1]?.body.buffer).not.toBe(chunk1.buffer);
    expect(frames[1]?.body.buffer).not.toBe(chunk2.buffer);
    expect(bodiesOf(frames)).toEqual(['type@=a/', 'type@=b/']);
  });

  it('accepts plain Uint8Array chunks and client frames (689)', () => {
    const client = encodeFrame('type@=loginreq/roomid@=9999/');
    const frames = decodeChunks([new Uint8Array(client)]);
    expect(frames).toHaveLength(1);
    expect(frames[0]?.type).toBe(689);
    expect(read(frames[0])).toBe('type@=loginreq/roomid@=9999/');
  });

  it('reports bytes held while a frame is incomplete, and read() returns undefined', () => {
    const decoder = new FrameDecoder();
    decoder.push(bytes.subarray(0, 20));
    expect(decoder.read()).toBeUndefined();
    expect(decoder.bufferedBytes).toBe(20);
  });

  it('decodes every real sample in one chunk and split into 64-byte chunks', () => {
    const samples = loadSamples().map((s) => s.body);
    const all = stream(samples);
    expect(bodiesOf(decodeChunks([all]))).toEqual(samples);
    const chunks: Buffer[] = [];
    for (let i = 0; i < all.length; i += 64) chunks.push(all.subarray(i, i + 64));
    expect(bodiesOf(decodeChunks(chunks))).toEqual(samples);
  });

  it('round-trips arbitrary bodies over arbitrary chunkings (property)', () => {
    const body = fc.string({ unit: fc.constantFrom('a', '/', '@', '中', '😊', '\n') });
    fc.assert(
      fc.property(
        fc.array(body, { maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (bodies, cutPoints) => {
          const all = stream(bodies);
          const cuts = [...new Set(cutPoints.map((c) => c % (all.length + 1)))].sort(
            (a, b) => a - b,
          );
          const chunks: Buffer[] = [];
          let from = 0;
          for (const cut of [...cuts, all.length]) {
            chunks.push(all.subarray(from, cut));
            from = cut;
          }
          expect(bodiesOf(decodeChunks(chunks))).toEqual(bodies);
        },
      ),
    );
  });
});

function read(frame: Frame | undefined): string | undefined {
  return frame?.body.toString('utf8');
}

function header(declared: number, copy = declared, type = 690, flags = [0, 0]): Buffer {
  const h = Buffer.alloc(12);
  h.writeUInt32LE(declared, 0);
  h.writeUInt32LE(copy, 4);
  h.writeUInt16LE(type, 8);
  h[10] = flags[0] ?? 0;
  h[11] = flags[1] ?? 0;
  return h;
}

describe('FrameDecoder: corrupt input', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each<[string, Buffer, ProtocolErrorCode]>([
    ['a declared length below 9', header(8), 'FRAME_TOO_SHORT'],
    ['a zero length', Buffer.alloc(12), 'FRAME_TOO_SHORT'],
    ['mismatched length copies', header(20, 21), 'LENGTH_MISMATCH'],
    ['an unknown type', header(20, 20, 0x0102), 'UNKNOWN_FRAME_TYPE'],
    ['a non-zero encrypt byte', header(20, 20, 690, [1, 0]), 'UNKNOWN_FRAME_TYPE'],
    ['a non-zero reserved byte', header(20, 20, 690, [0, 7]), 'UNKNOWN_FRAME_TYPE'],
  ])('throws on %s from the header alone', (_name, bytes, code) => {
    const decoder = new FrameDecoder();
    decoder.push(bytes);
    expectProtocolError(() => decoder.read(), code);
  });

  it('throws when the last byte of a frame is not NUL', () => {
    const frame = encodeFrame('type@=mrkl/', SERVER_FRAME_TYPE);
    frame[frame.length - 1] = 0x2f;
    const decoder = new FrameDecoder();
    decoder.push(frame);
    expectProtocolError(() => decoder.read(), 'MISSING_TERMINATOR');
  });

  it('fails a too-large length from its first 4 bytes, before the rest of the header', () => {
    const decoder = new FrameDecoder();
    decoder.push(header(2 ** 31).subarray(0, 4));
    expectProtocolError(() => decoder.read(), 'FRAME_TOO_LARGE');
  });

  it('fails a declared length of 2^31 at once and allocates nothing large', () => {
    const allocations: number[] = [];
    for (const name of ['alloc', 'allocUnsafe', 'allocUnsafeSlow'] as const) {
      const original = Buffer[name].bind(Buffer);
      vi.spyOn(Buffer, name).mockImplementation((size: number) => {
        allocations.push(size);
        return original(size);
      });
    }
    const before = process.memoryUsage().arrayBuffers;
    const decoder = new FrameDecoder();
    decoder.push(Buffer.concat([header(2 ** 31), Buffer.from('type@=chatmsg/')]));
    expectProtocolError(() => decoder.read(), 'FRAME_TOO_LARGE');
    expect(Math.max(0, ...allocations)).toBeLessThan(1024);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(1024 * 1024);
    expect(decoder.bufferedBytes).toBe(0);
  });

  it('enforces maxFrameBytes on the whole frame', () => {
    const frame = encodeFrame('x'.repeat(87), SERVER_FRAME_TYPE); // 100 bytes
    const exact = new FrameDecoder({ maxFrameBytes: 100 });
    exact.push(frame);
    expect(exact.read()?.body).toHaveLength(87);
    const smaller = new FrameDecoder({ maxFrameBytes: 99 });
    smaller.push(frame);
    expectProtocolError(() => smaller.read(), 'FRAME_TOO_LARGE');
    expect(() => new FrameDecoder({ maxFrameBytes: 12 })).toThrow(RangeError);
  });

  it('stays broken: every later push and read throws DECODER_BROKEN', () => {
    const decoder = new FrameDecoder();
    decoder.push(Buffer.concat([header(20, 99), encodeFrame('type@=mrkl/', SERVER_FRAME_TYPE)]));
    expectProtocolError(() => decoder.read(), 'LENGTH_MISMATCH');
    expectProtocolError(() => decoder.read(), 'DECODER_BROKEN');
    expectProtocolError(() => decoder.push(encodeFrame('type@=mrkl/')), 'DECODER_BROKEN');
    expectProtocolError(() => [...decoder], 'DECODER_BROKEN');
    expect(decoder.bufferedBytes).toBe(0);
  });

  it('detects corruption after good frames in the same chunk', () => {
    const good = encodeFrame('type@=mrkl/', SERVER_FRAME_TYPE);
    const decoder = new FrameDecoder();
    decoder.push(Buffer.concat([good, header(5)]));
    expect(read(decoder.read())).toBe('type@=mrkl/');
    expectProtocolError(() => decoder.read(), 'FRAME_TOO_SHORT');
  });
});
