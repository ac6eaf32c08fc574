import { describe, expect, it } from 'vitest';
import { parseUid } from './erase.js';

describe('parseUid', () => {
  it('takes positive decimal uids up to the int8 maximum, as canonical text', () => {
    expect(parseUid('123456')).toBe('123456');
    expect(parseUid('007')).toBe('7');
    expect(parseUid('9223372036854775807')).toBe('9223372036854775807');
  });

  it('refuses zero, signs, non-digits, and what does not fit int8', () => {
    for (const bad of [
      undefined,
      '',
      '0',
      '-5',
      '+5',
      '12ab',
      '1e5',
      ' 12',
      '9223372036854775808',
    ]) {
      expect(parseUid(bad), String(bad)).toBeUndefined();
    }
  });
});
