import { describe, expect, it } from 'vitest';
import { booleanArray, numberArray, textArray } from './pg-array.js';

describe('PostgreSQL array literals', () => {
  it('encodes numbers, nulls and booleans', () => {
    expect(numberArray([1, -2, null, '9007199254740993'])).toBe('{1,-2,NULL,9007199254740993}');
    expect(booleanArray([true, false])).toBe('{t,f}');
    expect(numberArray([])).toBe('{}');
  });

  it('joins a column that needs no escaping in one go', () => {
    expect(textArray(['a', '弹幕', ''])).toBe('{"a","弹幕",""}');
    expect(textArray([])).toBe('{}');
  });

  it('quotes every text element and escapes quotes and backslashes', () => {
    expect(textArray(['a', 'NULL', null, 'say "hi"', 'c:\\x', '{,}', ''])).toBe(
      '{"a","NULL",NULL,"say \\"hi\\"","c:\\\\x","{,}",""}',
    );
  });
});
