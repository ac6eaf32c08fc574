import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseClientTimeMs, parseInteger } from './parse-integer.js';

describe('parseInteger', () => {
  it.each([
    [undefined, null],
    ['', null],
    ['0', 0],
    ['-0', 0],
    ['42', 42],
    ['007', 7],
    ['-9999', -9999],
    ['1693128084471', 1693128084471],
    ['9007199254740991', 9007199254740991],
    ['-9007199254740991', -9007199254740991],
    ['9007199254740992', null],
    ['12345678901234567890123', null],
    ['00000000000000042', 42],
    ['000000000000000042', null],
    ['-', null],
    ['--1', null],
    ['+1', null],
    ['1e3', null],
    [' 1', null],
    ['1 ', null],
    ['0x10', null],
    ['notanumber', null],
    ['１２', null],
  ])('%j → %s', (text, value) => {
    expect(parseInteger(text)).toBe(value);
  });

  it('agrees with BigInt on every decimal text up to 17 characters (property)', () => {
    const decimal = fc
      .tuple(fc.boolean(), fc.stringMatching(/^[0-9]{1,17}$/))
      .map(([minus, digits]) => (minus ? `-${digits}` : digits))
      .filter((text) => text.length <= 17);
    fc.assert(
      fc.property(decimal, (text) => {
        const exact = BigInt(text);
        const safe =
          exact <= BigInt(Number.MAX_SAFE_INTEGER) && -exact <= BigInt(Number.MAX_SAFE_INTEGER);
        expect(parseInteger(text)).toBe(safe ? Number(exact) : null);
      }),
      { numRuns: 2000 },
    );
  });

  it('never returns NaN or a fraction for any text (property)', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const n = parseInteger(text);
        expect(n === null || Number.isSafeInteger(n)).toBe(true);
      }),
    );
  });
});

describe('parseClientTimeMs', () => {
  it.each([
    [undefined, null],
    ['', null],
    ['0', null],
    ['-5', null],
    ['x', null],
    ['1627874185', 1627874185000],
    ['1693107871294', 1693107871294],
  ])('%j → %s', (text, value) => {
    expect(parseClientTimeMs(text)).toBe(value);
  });
});
