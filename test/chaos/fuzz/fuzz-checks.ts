import {
  FrameDecoder,
  ProtocolError,
  parseMessage,
  peekType,
  type DouyuMessage,
  type ProtocolErrorCode,
} from '@danmaku/protocol';
import type { SeededRandom } from '../support/seeded-random.js';
import { chunkSizes } from './frame-mutations.js';
import { referenceDecode } from './reference-decoder.js';

/** A broken invariant; the driver adds seed and iteration for the reproduction line. */
export class FuzzFailure extends Error {
  override readonly name = 'FuzzFailure';
}

/** Error codes seen, for the coverage assertion. */
export const seenCodes = new Map<ProtocolErrorCode, number>();

/**
 * Feeds `bytes` to a fresh FrameDecoder in random chunks and checks it against the reference:
 * the same bodies, then the same ProtocolError (and nothing else ever thrown), with the buffered
 * bytes bounded by maxFrameBytes plus the chunk just pushed.
 */
export function checkDecoder(
  rng: SeededRandom,
  bytes: Buffer,
  maxFrameBytes: number,
  coarseChunks = false,
): Buffer[] {
  const expected = referenceDecode(bytes, maxFrameBytes);
  const decoder = new FrameDecoder({ maxFrameBytes });
  const bodies: Buffer[] = [];
  let code: ProtocolErrorCode | undefined;
  let offset = 0;
  try {
    for (const size of chunkSizes(rng, bytes.length, coarseChunks)) {
      const piece = bytes.subarray(offset, offset + size);
      offset += size;
      // Sometimes a plain Uint8Array view (no copy): the decoder must not assume a Buffer.
      decoder.push(rng.chance(0.2) ? new Uint8Array(piece.buffer, piece.byteOffset, size) : piece);
      if (decoder.bufferedBytes > maxFrameBytes + size) {
        throw new FuzzFailure(`buffered ${decoder.bufferedBytes} > ${maxFrameBytes} + ${size}`);
      }
      for (const frame of decoder) bodies.push(frame.body);
      if (decoder.bufferedBytes > maxFrameBytes) {
        throw new FuzzFailure(
          `holds ${decoder.bufferedBytes} bytes after reading, max ${maxFrameBytes}`,
        );
      }
    }
  } catch (error) {
    if (!(error instanceof ProtocolError)) throw error;
    code = error.code;
    seenCodes.set(code, (seenCodes.get(code) ?? 0) + 1);
    if (rng.chance(0.05)) expectBroken(decoder);
  }
  if (code !== expected.error) {
    throw new FuzzFailure(`decoder error ${code ?? 'none'}, reference ${expected.error ?? 'none'}`);
  }
  if (bodies.length !== expected.bodies.length) {
    throw new FuzzFailure(
      `decoder gave ${bodies.length} frames, reference ${expected.bodies.length}`,
    );
  }
  bodies.forEach((body, i) => {
    if (!body.equals(expected.bodies[i] as Buffer)) throw new FuzzFailure(`frame ${i} differs`);
  });
  return bodies;
}

function expectBroken(decoder: FrameDecoder): void {
  try {
    decoder.push(Buffer.from([0]));
  } catch (error) {
    if (error instanceof ProtocolError && error.code === 'DECODER_BROKEN') {
      seenCodes.set('DECODER_BROKEN', (seenCodes.get('DECODER_BROKEN') ?? 0) + 1);
      return;
    }
    throw error;
  }
  throw new FuzzFailure('a broken decoder accepted more bytes');
}

/**
 * parseMessage and peekType on one body: they must never throw, numbers must be safe integers,
 * loginres never keeps `ip`. With `differential`, bytes and their UTF-8 text must parse alike.
 */
export function checkParse(body: string | Buffer, differential: boolean): void {
  const message = parseMessage(body);
  validate(message);
  const peeked = peekType(body);
  if (peeked !== undefined && typeof peeked !== 'string') throw new FuzzFailure('peekType type');
  if (differential && typeof body !== 'string') {
    const text = body.toString('utf8');
    const fromText = parseMessage(text);
    if (JSON.stringify(fromText) !== JSON.stringify(message)) {
      throw new FuzzFailure(
        `bytes and text parse differently:\n${JSON.stringify(message)}\n${JSON.stringify(fromText)}`,
      );
    }
    if (peekType(text) !== peeked) throw new FuzzFailure('peekType differs for bytes and text');
  }
}

function validate(message: DouyuMessage): void {
  if (typeof message.type !== 'string' || typeof message.fields !== 'object') {
    throw new FuzzFailure('parseMessage returned no type or fields');
  }
  if (message.type === 'loginres' && Object.hasOwn(message.fields, 'ip')) {
    throw new FuzzFailure('loginres kept the client ip');
  }
  for (const [key, value] of Object.entries(message)) {
    if (typeof value === 'number' && !Number.isSafeInteger(value)) {
      throw new FuzzFailure(`${message.type}.${key} = ${value} is not a safe integer`);
    }
  }
}
