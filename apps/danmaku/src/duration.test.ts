import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration.js';

describe('parseDuration', () => {
  it('reads units and combinations', () => {
    expect(parseDuration('90m')).toBe(5_400_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('2h')).toBe(7_200_000);
    expect(parseDuration('45s')).toBe(45_000);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('1d')).toBe(86_400_000);
  });

  it('refuses what is no positive duration', () => {
    for (const text of ['', '0', '0m', 'h', '1x', '1h 30m', '-5m', '1.5h']) {
      expect(parseDuration(text), text).toBeUndefined();
    }
  });

  it('refuses a bare number: a duration needs a unit', () => {
    for (const text of ['1500', '2', ' 30 ']) expect(parseDuration(text), text).toBeUndefined();
  });

  it('formats back', () => {
    expect(formatDuration(5_400_000)).toBe('1h30m');
    expect(formatDuration(45_000)).toBe('45s');
    expect(formatDuration(1_500)).toBe('1s500ms');
  });
});
