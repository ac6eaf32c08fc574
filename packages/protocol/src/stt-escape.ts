import { latin1Slice, utf8Slice } from './buffer-slices.js';

const AT = 0x40; // '@'
const SLASH = 0x2f; // '/'
const A = 0x41;
const S = 0x53;

/** '@' → '@A', '/' → '@S', in one pass. */
export function escapeStt(s: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === AT || c === SLASH) {
      out += s.slice(from, i) + (c === AT ? '@A' : '@S');
      from = i + 1;
    }
  }
  return from === 0 ? s : out + s.slice(from);
}

/** '@A' → '@', '@S' → '/', in one pass; any other '@x' (and a final lone '@') is kept as is. */
export function unescapeStt(s: string): string {
  const first = s.indexOf('@');
  if (first === -1) return s;
  if (s.length > CHAR_SCRATCH || !littleEndian) return unescapeByParts(s, first);
  // One loop into a UTF-16 scratch buffer and one decode: nested values hold hundreds of escapes,
  // and building the result by concatenation makes ropes that are slow to flatten.
  let n = first;
  for (let i = 0; i < first; i++) chars[i] = s.charCodeAt(i);
  for (let i = first; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c === AT && i + 1 < s.length) {
      const next = s.charCodeAt(i + 1);
      if (next === A) i++;
      else if (next === S) {
        c = SLASH;
        i++;
      }
    }
    chars[n++] = c;
  }
  return charBytes.toString('utf16le', 0, 2 * n);
}

const CHAR_SCRATCH = 32 * 1024;
const chars = new Uint16Array(CHAR_SCRATCH);
const charBytes = Buffer.from(chars.buffer);
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function unescapeByParts(s: string, first: number): string {
  const parts: string[] = [];
  let from = 0;
  let at = first;
  while (at !== -1 && at + 1 < s.length) {
    const next = s.charCodeAt(at + 1);
    if (next === A || next === S) {
      parts.push(s.slice(from, at), next === A ? '@' : '/');
      from = at + 2;
      at = s.indexOf('@', from);
    } else {
      at = s.indexOf('@', at + 1);
    }
  }
  parts.push(s.slice(from));
  return parts.join('');
}

const SCRATCH_BYTES = 64 * 1024;
const scratch = Buffer.allocUnsafe(SCRATCH_BYTES);

/**
 * unescapeStt for bytes[from, to), decoded as UTF-8 (or latin1 when `ascii`): one byte loop into a
 * scratch buffer and one decode, far cheaper than string surgery on escape-heavy nested values.
 */
export function unescapeSttBytes(bytes: Buffer, from: number, to: number, ascii: boolean): string {
  const out = to - from <= SCRATCH_BYTES ? scratch : Buffer.allocUnsafe(to - from);
  let n = 0;
  for (let i = from; i < to; i++) {
    let c = bytes[i] as number;
    if (c === AT && i + 1 < to) {
      const next = bytes[i + 1];
      if (next === A) i++;
      else if (next === S) {
        c = SLASH;
        i++;
      }
    }
    out[n++] = c;
  }
  return ascii ? latin1Slice(out, 0, n) : utf8Slice(out, 0, n);
}
