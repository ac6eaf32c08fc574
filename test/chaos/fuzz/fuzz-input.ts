import {
  DEFAULT_MAX_FRAME_BYTES,
  encodeFrame,
  heartbeatRequest,
  joinGroupRequest,
  loginRequest,
} from '@danmaku/protocol';
import { SeededRandom } from '../support/seeded-random.js';
import { brokenUtf8, mutateBody, typedGarbage } from './body-mutations.js';
import { FuzzFailure, checkDecoder, checkParse } from './fuzz-checks.js';
import {
  chunkSizes,
  frameStream,
  headerOverRandom,
  loadSampleBodies,
  mutateStream,
  pickMaxFrameBytes,
} from './frame-mutations.js';

const bodies = loadSampleBodies();
const frames = [
  ...bodies.map((body) => encodeFrame(body, 690)),
  ...[loginRequest(1), joinGroupRequest(1), heartbeatRequest()].map((b) => encodeFrame(b)),
];

export const KINDS = [
  'mutated-stream',
  'clean-stream',
  'random-bytes',
  'header-over-random',
  'mutated-body',
  'typed-garbage',
  'broken-utf8',
  'random-text',
  'large-body',
] as const;
export type Kind = (typeof KINDS)[number];
const WEIGHTS: Record<Kind, number> = {
  'mutated-stream': 34,
  'clean-stream': 8,
  'random-bytes': 10,
  'header-over-random': 8,
  'mutated-body': 22,
  'typed-garbage': 8,
  'broken-utf8': 6,
  'random-text': 4,
  // Drawn apart (1 in 10,000 inputs): large bodies expose work that grows faster than the input.
  'large-body': 0,
};
const kindTable = KINDS.flatMap((kind) => Array<Kind>(WEIGHTS[kind]).fill(kind));

/** One fuzz input of a random kind, checked; returns the kind. */
export function runInput(rng: SeededRandom): Kind {
  const kind = rng.chance(0.0001) ? 'large-body' : rng.pick(kindTable);
  const max = pickMaxFrameBytes(rng);
  switch (kind) {
    case 'mutated-stream': {
      const stream = frameStream(rng, frames, rng.int(1, 3));
      const donor = frameStream(rng, frames, 1).bytes;
      parseAll(checkDecoder(rng, mutateStream(rng, stream, max, donor), max), rng);
      break;
    }
    case 'clean-stream': {
      const stream = frameStream(rng, frames, rng.int(1, 4));
      const decoded = checkDecoder(rng, stream.bytes, Math.max(max, 8192));
      if (decoded.length !== stream.starts.length) throw new FuzzFailure('lost a clean frame');
      parseAll(decoded, rng);
      break;
    }
    case 'random-bytes':
      parseAll(checkDecoder(rng, rng.bytes(rng.logInt(512)), max), rng);
      break;
    case 'header-over-random':
      parseAll(checkDecoder(rng, headerOverRandom(rng), max), rng);
      break;
    case 'mutated-body': {
      const body = mutateBody(rng, rng.pick(bodies), rng.pick(bodies));
      checkParse(body, false);
      checkParse(Buffer.from(body, 'utf8'), true);
      break;
    }
    case 'typed-garbage': {
      const body = typedGarbage(rng);
      checkParse(body, false);
      checkParse(Buffer.from(body, 'utf8'), true);
      break;
    }
    case 'broken-utf8':
      checkParse(brokenUtf8(rng, rng.pick(bodies)), true);
      break;
    case 'large-body': {
      const target = rng.int(16 * 1024, 128 * 1024);
      const pieces: string[] = [];
      for (let size = 0; size < target;) {
        const piece = mutateBody(rng, rng.pick(bodies), rng.pick(bodies));
        pieces.push(piece);
        size += piece.length;
      }
      const body = pieces.join('');
      checkParse(body, false);
      const frame = encodeFrame(body, 690);
      // Coarse chunks: tiny ones are covered by the small inputs and cost ~10 µs each here.
      parseAll(checkDecoder(rng, frame, DEFAULT_MAX_FRAME_BYTES, true), rng);
      break;
    }
    case 'random-text':
      checkParse(
        String.fromCharCode(...chunkSizes(rng, rng.logInt(256)).map(() => rng.int(0, 0xffff))),
        false,
      );
      checkParse(rng.bytes(rng.logInt(256)), true);
      break;
  }
  return kind;
}

function parseAll(decoded: readonly Buffer[], rng: SeededRandom): void {
  for (const body of decoded.slice(0, 4)) checkParse(body, rng.chance(0.25));
}

/** Every input is a pure function of (seed, index), so any one replays alone. */
export function inputRng(seed: number, index: number): SeededRandom {
  return new SeededRandom((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
}
