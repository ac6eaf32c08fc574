import type { ProtocolErrorCode } from '@danmaku/protocol';

export interface ReferenceResult {
  bodies: Buffer[];
  /** The code a correct decoder fails with on this byte stream, if any. */
  error: ProtocolErrorCode | undefined;
}

/**
 * The frame format (DESIGN.md) decoded the slow and obvious way, from the whole stream at once.
 * The streaming FrameDecoder fed the same bytes in any chunking must agree: same bodies, then the
 * same error. Checks run in header order, each as soon as its bytes exist, like a stream would.
 */
export function referenceDecode(bytes: Buffer, maxFrameBytes: number): ReferenceResult {
  const bodies: Buffer[] = [];
  let pos = 0;
  const fail = (error: ProtocolErrorCode): ReferenceResult => ({ bodies, error });
  while (bytes.length - pos >= 4) {
    const declared = bytes.readUInt32LE(pos);
    if (declared < 9) return fail('FRAME_TOO_SHORT');
    if (declared + 4 > maxFrameBytes) return fail('FRAME_TOO_LARGE');
    if (bytes.length - pos < 8) break;
    if (bytes.readUInt32LE(pos + 4) !== declared) return fail('LENGTH_MISMATCH');
    if (bytes.length - pos < 12) break;
    const type = bytes.readUInt16LE(pos + 8);
    if ((type !== 689 && type !== 690) || bytes[pos + 10] !== 0 || bytes[pos + 11] !== 0) {
      return fail('UNKNOWN_FRAME_TYPE');
    }
    const total = declared + 4;
    if (bytes.length - pos < total) break;
    if (bytes[pos + total - 1] !== 0) return fail('MISSING_TERMINATOR');
    bodies.push(bytes.subarray(pos + 12, pos + total - 1));
    pos += total;
  }
  return { bodies, error: undefined };
}
