/**
 * Douyu frame layout (little-endian), identical on TCP and WebSocket:
 *
 *   0      4      8     10   11   12             12+n  (n = UTF-8 bytes of the body)
 *   | len  | len  | type | 0  | 0  | body (STT)   | 00 |
 *
 * len = n + 9 (second length 4 + type 2 + encrypt 1 + reserved 1 + NUL 1); the first length does
 * not count itself, so a frame is len + 4 bytes on the wire.
 */
export const LENGTH_BYTES = 4;
export const HEADER_BYTES = 12;
/** Smallest legal declared length: an empty body (8 bytes after the first length + the NUL). */
export const MIN_DECLARED_LENGTH = 9;
export const CLIENT_FRAME_TYPE = 689;
export const SERVER_FRAME_TYPE = 690;
export type FrameType = typeof CLIENT_FRAME_TYPE | typeof SERVER_FRAME_TYPE;

/** Encodes one frame with a single exact allocation. */
export function encodeFrame(body: string, type: FrameType = CLIENT_FRAME_TYPE): Buffer {
  const bodyBytes = Buffer.byteLength(body, 'utf8');
  const declared = bodyBytes + MIN_DECLARED_LENGTH;
  const frame = Buffer.allocUnsafe(LENGTH_BYTES + declared);
  frame.writeUInt32LE(declared, 0);
  frame.writeUInt32LE(declared, 4);
  frame.writeUInt16LE(type, 8);
  frame[10] = 0;
  frame[11] = 0;
  frame.write(body, HEADER_BYTES, bodyBytes, 'utf8');
  frame[HEADER_BYTES + bodyBytes] = 0;
  return frame;
}
