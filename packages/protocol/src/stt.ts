/**
 * STT, Douyu's text serialisation, one level deep and strings only:
 *   record = (key "@=" value "/")*      list = (value "/")*
 * with "@" written "@A" and "/" written "@S" inside keys and values. A nested record or list is
 * serialised, then escaped once more as a value, so each level adds one escaping pass. Nothing
 * here guesses whether a value is nested: message parsers decode the fields they know are.
 */
import { escapeStt, unescapeStt } from './stt-escape.js';
import { scanStt } from './stt-scanner.js';

export { escapeStt, unescapeStt };

/** Lossless: order and duplicate keys are kept. Keys and values are once-unescaped. */
export function parseSttPairs(text: string): Array<[string, string]> {
  const flat: string[] = [];
  const count = scanStt(text, undefined, flat);
  const pairs = new Array<[string, string]>(count);
  for (let i = 0; i < count; i++) pairs[i] = [flat[2 * i] as string, flat[2 * i + 1] as string];
  return pairs;
}

/** Last duplicate wins, as Douyu's own decoder does. The object has a null prototype. */
export function parseStt(text: string): Record<string, string> {
  const flat: string[] = [];
  return toRecord(flat, scanStt(text, undefined, flat));
}

/** Builds the null-prototype record from scanStt's output. */
function toRecord(flat: readonly string[], count: number): Record<string, string> {
  const record = Object.create(null) as Record<string, string>;
  for (let i = 0; i < 2 * count; i += 2) record[flat[i] as string] = flat[i + 1] as string;
  return record;
}

/** 'a/b/' → ['a', 'b']; items once-unescaped; a missing final '/' is tolerated. */
export function parseSttList(text: string): string[] {
  const items: string[] = [];
  let pos = 0;
  while (pos < text.length) {
    let end = text.indexOf('/', pos);
    if (end === -1) end = text.length;
    items.push(unescapeStt(text.slice(pos, end)));
    pos = end + 1;
  }
  return items;
}

export function serializeStt(
  record: Record<string, string> | ReadonlyArray<readonly [string, string]>,
): string {
  let out = '';
  if (isPairs(record)) {
    for (const [key, value] of record) out += escapeStt(key) + '@=' + escapeStt(value) + '/';
  } else {
    for (const key of Object.keys(record)) {
      out += escapeStt(key) + '@=' + escapeStt(record[key] as string) + '/';
    }
  }
  return out;
}

/** The inverse of parseSttList. */
export function serializeSttList(items: readonly string[]): string {
  let out = '';
  for (const item of items) out += escapeStt(item) + '/';
  return out;
}

function isPairs(
  value: Record<string, string> | ReadonlyArray<readonly [string, string]>,
): value is ReadonlyArray<readonly [string, string]> {
  return Array.isArray(value);
}
