import { decodeUtf8 } from './buffer-slices.js';
import { unescapeStt, unescapeSttBytes } from './stt-escape.js';

const EQUALS = 0x3d;
const NON_ASCII = /[\u0080-\uffff]/g;

/**
 * Splits an STT record into once-unescaped keys and values, written to `out` as key, value, key,
 * value…; returns the number of pairs. Item ends, '@' and non-ASCII text are found with native
 * searches (indexOf, one regex) whose next hit is remembered, so long runs are skipped, not walked
 * char by char; a piece is unescaped only if it holds an '@'.
 *
 * With `bytes`, `text` is their latin1 decoding (one char per byte, so offsets agree): ASCII pieces
 * (keys, ids, numbers) are plain slices and only the others are decoded as UTF-8 from `bytes`.
 * A missing final '/' is tolerated; an item without '@=' is kept as the value of the key ''.
 */
export function scanStt(text: string, bytes: Buffer | undefined, out: string[]): number {
  const length = text.length;
  let pairs = 0;
  let pos = 0;
  let nextAt = -1;
  let nextWide = bytes === undefined ? length : -1; // irrelevant for text input
  while (pos < length) {
    let end = text.indexOf('/', pos);
    if (end === -1) end = length;
    if (nextAt < pos) nextAt = indexOrEnd(text.indexOf('@', pos), length);
    if (nextWide < pos) nextWide = nonAsciiFrom(text, pos);
    let sep = nextAt;
    let keyEscaped = false;
    while (sep < end && text.charCodeAt(sep + 1) !== EQUALS) {
      keyEscaped = true;
      sep = indexOrEnd(text.indexOf('@', sep + 1), length);
    }
    if (sep < end) {
      nextAt = indexOrEnd(text.indexOf('@', sep + 2), length);
      out[2 * pairs] = keyEscaped
        ? piece(text, bytes, pos, sep, true, nextWide < sep)
        : key(text, bytes, pos, sep, nextWide < sep);
      if (nextWide < sep + 2) nextWide = nonAsciiFrom(text, sep + 2);
      out[2 * pairs + 1] = piece(text, bytes, sep + 2, end, nextAt < end, nextWide < end);
      pairs++;
    } else if (end > pos) {
      out[2 * pairs] = '';
      out[2 * pairs + 1] = piece(text, bytes, pos, end, nextAt < end, nextWide < end);
      pairs++;
    }
    pos = end + 1;
  }
  return pairs;
}

function indexOrEnd(index: number, length: number): number {
  return index === -1 ? length : index;
}

/** test() rather than exec(): no match array is allocated; the match is one char long. */
function nonAsciiFrom(text: string, from: number): number {
  NON_ASCII.lastIndex = from;
  return NON_ASCII.test(text) ? NON_ASCII.lastIndex - 1 : text.length;
}

function piece(
  text: string,
  bytes: Buffer | undefined,
  from: number,
  to: number,
  escaped: boolean,
  nonAscii: boolean,
): string {
  if (bytes === undefined) {
    const s = text.slice(from, to);
    return escaped ? unescapeStt(s) : s;
  }
  if (escaped) return unescapeSttBytes(bytes, from, to, !nonAscii);
  return nonAscii ? decodeUtf8(bytes, from, to) : text.slice(from, to);
}

// Keys repeat across messages (type, rid, uid, nn…). Handing out the same string each time spares
// the record store from hashing and internalising a fresh slice per field.
const KEY_SLOT_BITS = 12;
const MAX_CACHED_KEY = 32;
const keyCache = new Array<string | undefined>(1 << KEY_SLOT_BITS).fill(undefined);

function key(
  text: string,
  bytes: Buffer | undefined,
  from: number,
  to: number,
  nonAscii: boolean,
): string {
  if (to - from > MAX_CACHED_KEY || (nonAscii && bytes !== undefined)) {
    return piece(text, bytes, from, to, false, nonAscii);
  }
  // First, middle and last char plus the length, mixed by a multiplicative hash: the 202 keys of
  // the real samples land in 199 slots. startsWith confirms a hit.
  const size = to - from;
  const mixed =
    text.charCodeAt(from) |
    (text.charCodeAt(to - 1) << 8) |
    (text.charCodeAt(from + (size >> 1)) << 16) |
    (size << 24);
  const slot = Math.imul(mixed, 0x9e3779b1) >>> (32 - KEY_SLOT_BITS);
  const cached = keyCache[slot];
  if (cached !== undefined && cached.length === size && text.startsWith(cached, from)) {
    return cached;
  }
  const fresh = text.slice(from, to);
  keyCache[slot] = fresh;
  return fresh;
}
