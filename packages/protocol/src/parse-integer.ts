/** Longer wire numbers are not read: 2^53 has 16 digits, and rows stored so far used this bound. */
const MAX_INTEGER_CHARS = 17;

/**
 * Douyu sends numbers as decimal text. The integer it spells, or null when the field is absent,
 * empty, not plain decimal (`12x`, `1e3`, ` 1`, `0x10`), longer than 17 characters, or beyond
 * ±(2^53 − 1): a garbled number must become "unknown", never 0 or NaN.
 */
export function parseInteger(value: string | undefined): number | null {
  if (value === undefined || value.length === 0 || value.length > MAX_INTEGER_CHARS) return null;
  const negative = value.charCodeAt(0) === 0x2d;
  let i = negative ? 1 : 0;
  if (i === value.length) return null;
  let n = 0;
  for (; i < value.length; i++) {
    const digit = value.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return null;
    n = n * 10 + digit;
  }
  if (!Number.isSafeInteger(n)) return null;
  return negative ? 0 - n : n; // 0 - 0 is +0, -0 would not equal 0
}

/** `cst` is milliseconds, but seconds in some captures: 10 digits or fewer means seconds. */
export function parseClientTimeMs(value: string | undefined): number | null {
  const n = parseInteger(value);
  if (n === null || n <= 0) return null;
  return value !== undefined && value.length <= 10 ? n * 1000 : n;
}
