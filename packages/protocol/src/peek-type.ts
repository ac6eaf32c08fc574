import { asBuffer, latin1Slice, utf8Slice } from './buffer-slices.js';
import { unescapeStt } from './stt-escape.js';

const TYPE_KEY = 'type@=';
const TYPE_KEY_BYTES = [0x74, 0x79, 0x70, 0x65, 0x40, 0x3d]; // 't' 'y' 'p' 'e' '@' '='
const SLASH = 0x2f;
const AT = 0x40;

/**
 * The value of the top-level `type` key (never `btype` or a nested `type@A=`) without parsing the
 * rest of the body: `type` is usually the first key, otherwise it starts right after a '/'. If a
 * body repeated `type` (never seen in real traffic) this returns the first, parseStt the last.
 */
export function peekType(body: string | Uint8Array): string | undefined {
  return typeof body === 'string' ? peekTypeInText(body) : peekTypeInBytes(asBuffer(body));
}

function peekTypeInText(text: string): string | undefined {
  let key = 0;
  if (!text.startsWith(TYPE_KEY)) {
    key = text.indexOf('/' + TYPE_KEY);
    if (key === -1) return undefined;
    key++;
  }
  const start = key + TYPE_KEY.length;
  let end = text.indexOf('/', start);
  if (end === -1) end = text.length;
  const value = text.slice(start, end);
  return value.includes('@') ? unescapeStt(value) : value;
}

function peekTypeInBytes(bytes: Buffer): string | undefined {
  const length = bytes.length;
  let key = 0;
  while (!keyAt(bytes, key)) {
    key = bytes.indexOf(SLASH, key) + 1;
    if (key === 0) return undefined;
  }
  const start = key + TYPE_KEY_BYTES.length;
  let end = start;
  let hash = 0;
  let plain = true; // ASCII without escapes
  for (; end < length; end++) {
    const b = bytes[end] as number;
    if (b === SLASH) break;
    if (b >= 0x80 || b === AT) plain = false;
    hash = (Math.imul(hash, 31) + b) | 0;
  }
  if (!plain) {
    const value = utf8Slice(bytes, start, end);
    return value.includes('@') ? unescapeStt(value) : value;
  }
  return cachedType(bytes, start, end, hash);
}

function keyAt(bytes: Buffer, at: number): boolean {
  if (at + TYPE_KEY_BYTES.length > bytes.length) return false;
  for (let i = 0; i < TYPE_KEY_BYTES.length; i++) {
    if (bytes[at + i] !== TYPE_KEY_BYTES[i]) return false;
  }
  return true;
}

// A few dozen type names make up all traffic: returning the same string for the same bytes spares
// an allocation per frame on the collector's hot path.
const SLOTS = 256;
const MAX_CACHED = 32;
const typeCache = new Array<string | undefined>(SLOTS).fill(undefined);

function cachedType(bytes: Buffer, start: number, end: number, hash: number): string {
  const slot = hash & (SLOTS - 1);
  const cached = typeCache[slot];
  if (cached !== undefined && cached.length === end - start) {
    let same = true;
    for (let i = 0; i < cached.length && same; i++)
      same = cached.charCodeAt(i) === bytes[start + i];
    if (same) return cached;
  }
  const value = latin1Slice(bytes, start, end);
  if (end - start <= MAX_CACHED) typeCache[slot] = value;
  return value;
}
