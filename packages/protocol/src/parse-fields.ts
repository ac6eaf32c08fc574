import { asBuffer, latin1Slice } from './buffer-slices.js';
import { scanStt } from './stt-scanner.js';

/**
 * The record type of `fields` for ordinary bodies: like a null-prototype object it inherits nothing
 * (no `toString`, `__proto__` is a plain key), but its prototype is an empty null-prototype object
 * instead of null, so V8 keeps it in fast mode with shared shapes: building and reading it costs
 * a third of a dictionary-mode `Object.create(null)`. Past ~20 keys V8 turns it into a dictionary
 * anyway (at a price), so larger bodies get `Object.create(null)` directly.
 */
const FieldRecord = function FieldRecord() {} as unknown as new () => Record<string, string>;
FieldRecord.prototype = Object.create(null) as object;

const FAST_RECORD_MAX_KEYS = 20;
const createDictionary = (): Record<string, string> =>
  Object.create(null) as Record<string, string>;

// Reused between calls: parsing is synchronous and copies what it keeps into the record.
const flat: string[] = [];

/** All fields of a body, once-unescaped, last duplicate wins. */
export function parseFields(body: string | Uint8Array): Record<string, string> {
  let count: number;
  if (typeof body === 'string') {
    count = scanStt(body, undefined, flat);
  } else {
    // Bytes are scanned through their latin1 view; only non-ASCII pieces pay for UTF-8 decoding.
    const bytes = asBuffer(body);
    count = scanStt(latin1Slice(bytes, 0, bytes.length), bytes, flat);
  }
  const fields = count <= FAST_RECORD_MAX_KEYS ? new FieldRecord() : createDictionary();
  for (let i = 0; i < 2 * count; i += 2) fields[flat[i] as string] = flat[i + 1] as string;
  return fields;
}
