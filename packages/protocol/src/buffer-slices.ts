// Node's Buffer has per-encoding slice methods that skip toString()'s argument handling. They are
// not in @types/node, so they are reached through this one narrow cast, with a fallback.

interface EncodingSlices {
  latin1Slice?: (start: number, end: number) => string;
  utf8Slice?: (start: number, end: number) => string;
}

const probe = Buffer.alloc(0) as Buffer & EncodingSlices;
const hasFastSlices =
  typeof probe.latin1Slice === 'function' && typeof probe.utf8Slice === 'function';

/** A Buffer view of the same memory (no copy) for any Uint8Array. */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes)
    ? bytes
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** One char per byte, so string offsets equal byte offsets. */
export const latin1Slice: (bytes: Buffer, start: number, end: number) => string = hasFastSlices
  ? (bytes, start, end) => (bytes as Buffer & Required<EncodingSlices>).latin1Slice(start, end)
  : (bytes, start, end) => bytes.toString('latin1', start, end);

export const utf8Slice: (bytes: Buffer, start: number, end: number) => string = hasFastSlices
  ? (bytes, start, end) => (bytes as Buffer & Required<EncodingSlices>).utf8Slice(start, end)
  : (bytes, start, end) => bytes.toString('utf8', start, end);

const SHORT_UTF8_BYTES = 64;
const codeUnits: number[] = [];

/**
 * UTF-8 for short non-ASCII pieces (nicknames, chat text): a JS loop beats the native call for a
 * few dozen bytes. Only well-formed input is decoded here; anything else (overlong forms, CESU-8
 * surrogates, truncation) goes to the native decoder, so results match it exactly.
 */
export function decodeUtf8(bytes: Buffer, start: number, end: number): string {
  if (end - start > SHORT_UTF8_BYTES) return utf8Slice(bytes, start, end);
  let n = 0;
  for (let i = start; i < end;) {
    const b0 = bytes[i] as number;
    if (b0 < 0x80) {
      codeUnits[n++] = b0;
      i++;
      continue;
    }
    const b1 = (bytes[i + 1] ?? 0) ^ 0x80;
    if (b0 >= 0xc2 && b0 < 0xe0 && i + 1 < end && b1 < 0x40) {
      codeUnits[n++] = ((b0 & 0x1f) << 6) | b1;
      i += 2;
      continue;
    }
    const b2 = (bytes[i + 2] ?? 0) ^ 0x80;
    if (b0 >= 0xe0 && b0 < 0xf0 && i + 2 < end && (b1 | b2) < 0x40) {
      const c = ((b0 & 0x0f) << 12) | (b1 << 6) | b2;
      if (c < 0x800 || (c >= 0xd800 && c < 0xe000)) return utf8Slice(bytes, start, end);
      codeUnits[n++] = c;
      i += 3;
      continue;
    }
    const b3 = (bytes[i + 3] ?? 0) ^ 0x80;
    if (b0 >= 0xf0 && b0 < 0xf5 && i + 3 < end && (b1 | b2 | b3) < 0x40) {
      const c = ((b0 & 0x07) << 18) | (b1 << 12) | (b2 << 6) | b3;
      if (c < 0x10000 || c > 0x10ffff) return utf8Slice(bytes, start, end);
      codeUnits[n++] = 0xd800 + ((c - 0x10000) >> 10);
      codeUnits[n++] = 0xdc00 + ((c - 0x10000) & 0x3ff);
      i += 4;
      continue;
    }
    return utf8Slice(bytes, start, end);
  }
  codeUnits.length = n;
  return String.fromCharCode.apply(null, codeUnits);
}
