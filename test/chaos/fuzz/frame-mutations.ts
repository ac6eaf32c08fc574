import { readFileSync } from 'node:fs';
import { DEFAULT_MAX_FRAME_BYTES, encodeFrame } from '@danmaku/protocol';
import type { SeededRandom } from '../support/seeded-random.js';

const SAMPLES_URL = new URL('../../../fixtures/douyu/samples.txt', import.meta.url);

/** The real captured bodies (fixtures/douyu/samples.txt), one per non-comment line. */
export function loadSampleBodies(): string[] {
  return readFileSync(SAMPLES_URL, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0 && !line.startsWith('#'));
}

/** A byte stream of whole frames and where each frame starts. */
export interface FrameStream {
  bytes: Buffer;
  starts: number[];
}

export function frameStream(
  rng: SeededRandom,
  frames: readonly Buffer[],
  count: number,
): FrameStream {
  const picked = Array.from({ length: count }, () => rng.pick(frames));
  const starts: number[] = [];
  let at = 0;
  for (const frame of picked) {
    starts.push(at);
    at += frame.length;
  }
  return { bytes: Buffer.concat(picked), starts };
}

const INTERESTING_BYTES = [0x00, 0xff, 0x2f, 0x40, 0x3d, 0x41, 0x53, 0x80, 0xc0, 0xe4, 0xf0, 0x7f];

function interestingLength(rng: SeededRandom, current: number, maxFrameBytes: number): number {
  switch (rng.int(0, 9)) {
    case 0:
      return 0;
    case 1:
      return rng.int(1, 12);
    case 2:
      return current + rng.int(-3, 3);
    case 3:
      return maxFrameBytes - 4 + rng.int(-1, 1);
    case 4:
      return DEFAULT_MAX_FRAME_BYTES - 4 + rng.int(-1, 1);
    case 5:
      return 0xffffffff - rng.int(0, 8);
    case 6:
      return 0x80000000 + rng.int(-1, 1);
    default:
      return rng.uint32();
  }
}

/** A frame start with at least `need` bytes after it (earlier mutations may have cut the stream). */
function frameStart(rng: SeededRandom, s: FrameStream, need: number): number | undefined {
  const fitting = s.starts.filter((start) => start + need <= s.bytes.length);
  return fitting.length === 0 ? undefined : rng.pick(fitting);
}

type Mutation = (rng: SeededRandom, s: FrameStream, maxFrameBytes: number, donor: Buffer) => Buffer;

const mutations: Mutation[] = [
  // bit flips
  (rng, s) => {
    const out = Buffer.from(s.bytes);
    for (let n = rng.int(1, 8); n > 0 && out.length > 0; n--) {
      const at = rng.int(0, out.length - 1);
      out[at] = (out[at] ?? 0) ^ (1 << rng.int(0, 7));
    }
    return out;
  },
  // bytes set to boundary values and STT delimiters
  (rng, s) => {
    const out = Buffer.from(s.bytes);
    for (let n = rng.int(1, 4); n > 0 && out.length > 0; n--) {
      out[rng.int(0, out.length - 1)] = rng.chance(0.7)
        ? rng.pick(INTERESTING_BYTES)
        : rng.int(0, 255);
    }
    return out;
  },
  // truncation
  (rng, s) => s.bytes.subarray(0, rng.int(0, s.bytes.length)),
  // splice: the head of this stream, the tail of another
  (rng, s, _max, donor) =>
    Buffer.concat([
      s.bytes.subarray(0, rng.int(0, s.bytes.length)),
      donor.subarray(rng.int(0, donor.length)),
    ]),
  // a length field (first, second or both) of one frame edited
  (rng, s, maxFrameBytes) => {
    const out = Buffer.from(s.bytes);
    const start = frameStart(rng, s, 8);
    if (start === undefined) return out;
    const value = interestingLength(rng, out.readUInt32LE(start), maxFrameBytes) >>> 0;
    const which = rng.int(0, 2);
    if (which !== 1) out.writeUInt32LE(value, start);
    if (which !== 0) out.writeUInt32LE(value, start + 4);
    return out;
  },
  // type, encrypt or reserved bytes edited
  (rng, s) => {
    const out = Buffer.from(s.bytes);
    const start = frameStart(rng, s, 12);
    if (start === undefined) return out;
    if (rng.chance(0.5))
      out.writeUInt16LE(rng.pick([689, 690, 691, 688, 0, 0xffff, rng.int(0, 0xffff)]), start + 8);
    else out[start + rng.int(10, 11)] = rng.int(1, 255);
    return out;
  },
  // the NUL terminator of one frame replaced
  (rng, s) => {
    const out = Buffer.from(s.bytes);
    const index = rng.int(0, s.starts.length - 1);
    const end = Math.min(out.length, s.starts[index + 1] ?? out.length) - 1;
    if (end >= 0) out[end] = rng.int(1, 255);
    return out;
  },
  // random bytes inserted or removed
  (rng, s) => {
    const at = rng.int(0, s.bytes.length);
    if (rng.chance(0.5)) {
      return Buffer.concat([
        s.bytes.subarray(0, at),
        rng.bytes(rng.logInt(32)),
        s.bytes.subarray(at),
      ]);
    }
    return Buffer.concat([
      s.bytes.subarray(0, at),
      s.bytes.subarray(Math.min(s.bytes.length, at + rng.logInt(32))),
    ]);
  },
  // a region repeated
  (rng, s) => {
    const from = rng.int(0, s.bytes.length);
    const to = Math.min(s.bytes.length, from + rng.logInt(64));
    return Buffer.concat([
      s.bytes.subarray(0, to),
      s.bytes.subarray(from, to),
      s.bytes.subarray(to),
    ]);
  },
];

/** One to three mutations of a real frame stream. */
export function mutateStream(
  rng: SeededRandom,
  stream: FrameStream,
  maxFrameBytes: number,
  donor: Buffer,
): Buffer {
  let bytes = stream.bytes;
  for (let n = rng.int(1, 3); n > 0; n--) {
    bytes = rng.pick(mutations)(rng, { bytes, starts: stream.starts }, maxFrameBytes, donor);
  }
  return bytes;
}

/** A well-formed header (random length and type) over random bytes: gets past the header checks. */
export function headerOverRandom(rng: SeededRandom): Buffer {
  const body = rng.bytes(rng.logInt(256));
  const frame = encodeFrame('', rng.chance(0.5) ? 689 : 690);
  const out = Buffer.concat([frame.subarray(0, 12), body, Buffer.from([rng.chance(0.8) ? 0 : 1])]);
  out.writeUInt32LE(out.length - 4, 0);
  out.writeUInt32LE(out.length - 4, 4);
  return out;
}

/** Chunk sizes for one stream: byte-at-a-time, small, or large pieces. */
export function chunkSizes(rng: SeededRandom, length: number, coarse = false): number[] {
  const roll = coarse ? 1 : rng.float();
  // Byte-at-a-time is the slowest style: kept for short streams, where it still hits every split.
  const style = roll < 0.1 && length <= 256 ? 0 : roll < 0.4 ? 1 : 2;
  const sizes: number[] = [];
  for (let left = length; left > 0;) {
    const size = style === 0 ? 1 : style === 1 ? rng.logInt(16) : rng.logInt(Math.max(1, length));
    sizes.push(Math.min(left, size));
    left -= size;
  }
  return sizes;
}

/** maxFrameBytes for one input: mostly the default, often small enough to hit FRAME_TOO_LARGE. */
export function pickMaxFrameBytes(rng: SeededRandom): number {
  return rng.chance(0.6) ? DEFAULT_MAX_FRAME_BYTES : 12 + rng.logInt(8192);
}
