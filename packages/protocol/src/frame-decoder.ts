import { ProtocolError, type ProtocolErrorCode } from './errors.js';
import {
  CLIENT_FRAME_TYPE,
  HEADER_BYTES,
  LENGTH_BYTES,
  MIN_DECLARED_LENGTH,
  SERVER_FRAME_TYPE,
  type FrameType,
} from './frame.js';

export interface Frame {
  type: FrameType;
  /** STT text bytes without the trailing NUL; a view into the pushed chunk when possible. */
  body: Buffer;
}

export interface FrameDecoderOptions {
  /** Largest whole frame (header + body + NUL) accepted; default 1 MiB. */
  maxFrameBytes?: number;
}

export const DEFAULT_MAX_FRAME_BYTES = 1_048_576;
/** Empty body: 12 header bytes + the NUL. */
const MIN_FRAME_BYTES = HEADER_BYTES + 1;

/**
 * Push bytes in, pull frames out. Bodies are zero-copy views when a frame lies inside one chunk;
 * pieces are joined once, only when a frame spans chunks. The header is validated as soon as its
 * bytes arrive, so a corrupt length fails before any body is awaited. After a ProtocolError the
 * decoder stays broken: a desynchronised stream cannot be resynchronised, the owner reconnects.
 */
export class FrameDecoder implements Iterable<Frame> {
  private readonly maxFrameBytes: number;
  private chunks: Buffer[] = [];
  private headIndex = 0;
  private headOffset = 0;
  private buffered = 0;
  /** Whole size of the frame being awaited; 0 while its header is incomplete. */
  private frameBytes = 0;
  private frameType: FrameType = SERVER_FRAME_TYPE;
  private brokenBy: ProtocolErrorCode | undefined;
  private readonly header = Buffer.alloc(HEADER_BYTES);

  constructor(options: FrameDecoderOptions = {}) {
    const max = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
    if (!Number.isSafeInteger(max) || max < MIN_FRAME_BYTES) {
      throw new RangeError(`maxFrameBytes must be an integer >= ${MIN_FRAME_BYTES}, got ${max}`);
    }
    this.maxFrameBytes = max;
  }

  /** Bytes held and not yet returned as frames. */
  get bufferedBytes(): number {
    return this.buffered;
  }

  push(chunk: Uint8Array): void {
    this.assertUsable();
    if (chunk.byteLength === 0) return;
    const buffer = Buffer.isBuffer(chunk)
      ? chunk
      : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    this.chunks.push(buffer);
    this.buffered += buffer.length;
  }

  read(): Frame | undefined {
    this.assertUsable();
    if (this.frameBytes === 0 && !this.readHeader()) return undefined;
    if (this.buffered < this.frameBytes) return undefined;
    return this.takeFrame();
  }

  [Symbol.iterator](): Iterator<Frame> {
    return {
      next: (): IteratorResult<Frame> => {
        const value = this.read();
        return value === undefined ? { done: true, value: undefined } : { done: false, value };
      },
    };
  }

  /** Validates whatever part of the 12-byte header has arrived; true once all of it is valid. */
  private readHeader(): boolean {
    if (this.buffered < LENGTH_BYTES) return false;
    const head = this.chunks[this.headIndex] as Buffer;
    let bytes = head;
    let at = this.headOffset;
    if (head.length - at < HEADER_BYTES) {
      bytes = this.header;
      at = 0;
      this.peekInto(bytes);
    }
    const declared = readU32(bytes, at);
    if (declared < MIN_DECLARED_LENGTH) this.fail('FRAME_TOO_SHORT', `declared length ${declared}`);
    if (declared + LENGTH_BYTES > this.maxFrameBytes) {
      this.fail('FRAME_TOO_LARGE', `frame of ${declared + LENGTH_BYTES} bytes`);
    }
    if (this.buffered < 8) return false;
    const copy = readU32(bytes, at + 4);
    if (copy !== declared) this.fail('LENGTH_MISMATCH', `lengths ${declared} and ${copy}`);
    if (this.buffered < HEADER_BYTES) return false;
    const type = (bytes[at + 8] as number) | ((bytes[at + 9] as number) << 8);
    if (
      (type !== SERVER_FRAME_TYPE && type !== CLIENT_FRAME_TYPE) ||
      bytes[at + 10] !== 0 ||
      bytes[at + 11] !== 0
    ) {
      this.fail('UNKNOWN_FRAME_TYPE', `type ${type}, flags ${bytes[at + 10]}/${bytes[at + 11]}`);
    }
    this.frameType = type;
    this.frameBytes = declared + LENGTH_BYTES;
    return true;
  }

  private takeFrame(): Frame {
    const total = this.frameBytes;
    const head = this.chunks[this.headIndex] as Buffer;
    let frame: Buffer;
    let start: number;
    if (head.length - this.headOffset >= total) {
      frame = head;
      start = this.headOffset;
      this.headOffset += total;
      if (this.headOffset === head.length) this.dropHead();
    } else {
      frame = this.join(total);
      start = 0;
    }
    if (frame[start + total - 1] !== 0) this.fail('MISSING_TERMINATOR', `frame of ${total} bytes`);
    this.buffered -= total;
    this.frameBytes = 0;
    return { type: this.frameType, body: frame.subarray(start + HEADER_BYTES, start + total - 1) };
  }

  /** Copies the next `total` bytes (spread over several chunks) into one buffer and consumes them. */
  private join(total: number): Buffer {
    const joined = Buffer.allocUnsafe(total);
    let filled = 0;
    while (filled < total) {
      const chunk = this.chunks[this.headIndex] as Buffer;
      const take = Math.min(chunk.length - this.headOffset, total - filled);
      chunk.copy(joined, filled, this.headOffset, this.headOffset + take);
      filled += take;
      this.headOffset += take;
      if (this.headOffset === chunk.length) this.dropHead();
    }
    return joined;
  }

  /** Copies up to 12 buffered bytes into `target` without consuming them. */
  private peekInto(target: Buffer): void {
    let filled = 0;
    let offset = this.headOffset;
    for (let i = this.headIndex; i < this.chunks.length && filled < target.length; i++) {
      const chunk = this.chunks[i] as Buffer;
      filled += chunk.copy(target, filled, offset, Math.min(chunk.length, offset + target.length));
      offset = 0;
    }
  }

  private dropHead(): void {
    this.headOffset = 0;
    this.headIndex++;
    if (this.headIndex === this.chunks.length) {
      this.chunks = [];
      this.headIndex = 0;
    } else if (this.headIndex >= 1024) {
      // Byte-at-a-time feeding can queue many tiny chunks; compact instead of shifting each time.
      this.chunks = this.chunks.slice(this.headIndex);
      this.headIndex = 0;
    }
  }

  private fail(code: ProtocolErrorCode, message: string): never {
    this.brokenBy = code;
    this.chunks = [];
    this.headIndex = 0;
    this.headOffset = 0;
    this.buffered = 0;
    this.frameBytes = 0;
    throw new ProtocolError(code, message);
  }

  private assertUsable(): void {
    if (this.brokenBy !== undefined) {
      throw new ProtocolError('DECODER_BROKEN', `decoder broke earlier with ${this.brokenBy}`);
    }
  }
}

function readU32(bytes: Buffer, at: number): number {
  return (
    ((bytes[at] as number) |
      ((bytes[at + 1] as number) << 8) |
      ((bytes[at + 2] as number) << 16) |
      ((bytes[at + 3] as number) << 24)) >>>
    0
  );
}
