import { describe, expect, it } from 'vitest';
import { checkCrawlPattern } from './crawl-pattern.js';

const from = new Date('2026-01-01T00:00:00Z');

describe('checkCrawlPattern', () => {
  it('gives the next three runs in the pattern time zone', () => {
    const check = checkCrawlPattern('0 20 * * *', 'Asia/Shanghai', from);
    expect(check.ok && check.nextRuns.map((d) => d.toISOString())).toEqual([
      '2026-01-01T12:00:00.000Z',
      '2026-01-02T12:00:00.000Z',
      '2026-01-03T12:00:00.000Z',
    ]);
  });

  it('takes an optional seconds field', () => {
    const check = checkCrawlPattern('*/10 * * * * *', 'UTC', from);
    expect(check.ok && check.nextRuns[0]?.toISOString()).toBe('2026-01-01T00:00:10.000Z');
  });

  it('refuses an unknown time zone before anything else runs', () => {
    const check = checkCrawlPattern('0 20 * * *', 'Mars/Base', from);
    expect(check).toEqual({
      ok: false,
      problems: ['--tz: "Mars/Base" is no IANA time zone (e.g. UTC, Asia/Shanghai)'],
    });
  });

  it('refuses a pattern with the wrong field count or a bad field', () => {
    expect(checkCrawlPattern('* *', 'UTC', from)).toEqual({
      ok: false,
      problems: ['--cron: expected 5 or 6 fields, got 2'],
    });
    const bad = checkCrawlPattern('61 * * * *', 'UTC', from);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problems[0]).toMatch(/^--cron: "61 \* \* \* \*": /);
  });
});
