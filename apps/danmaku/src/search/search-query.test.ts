import { describe, expect, it } from 'vitest';
import { DEFAULT_SEARCH_LIMIT, parseSearchFilter, parseTimeBound } from './search-query.js';

const NOW = Date.parse('2026-05-02T12:00:00Z');

describe('danmaku search filter', () => {
  it('takes every filter', () => {
    const problems: string[] = [];
    const filter = parseSearchFilter(
      '主播',
      { room: '288016', user: '12345678901', from: '2026-05-01', to: '2h', limit: '20' },
      NOW,
      problems,
    );
    expect(problems).toEqual([]);
    expect(filter).toEqual({
      text: '主播',
      roomId: 288016,
      uid: '12345678901',
      fromMs: Date.parse('2026-05-01T00:00:00Z'),
      toMs: NOW - 7_200_000,
      limit: 20,
    });
  });

  it('defaults to the newest 100 rows, no filter', () => {
    expect(parseSearchFilter('x', {}, NOW, [])).toEqual({ text: 'x', limit: DEFAULT_SEARCH_LIMIT });
  });

  it('lists every problem at once', () => {
    const problems: string[] = [];
    const filter = parseSearchFilter(
      '',
      { room: '0', user: '-1', from: 'yesterday', to: '5', limit: '10001' },
      NOW,
      problems,
    );
    expect(filter).toBeUndefined();
    expect(problems).toHaveLength(6);
    expect(problems.join('\n')).toMatch(/text to look for[\s\S]*--room[\s\S]*--user[\s\S]*--limit/);
    expect(problems.join('\n')).toMatch(/--from: "yesterday"[\s\S]*--to: "5"/);
  });

  it('refuses --from at or after --to', () => {
    const problems: string[] = [];
    parseSearchFilter('x', { from: '2026-05-02', to: '2026-05-01' }, NOW, problems);
    expect(problems).toEqual([expect.stringMatching(/--from must be before --to/)]);
  });

  it('reads ISO times with offsets, and durations as that long ago', () => {
    expect(parseTimeBound('2026-05-01T20:00:00+08:00', NOW)).toBe(
      Date.parse('2026-05-01T12:00:00Z'),
    );
    expect(parseTimeBound('1d', NOW)).toBe(NOW - 86_400_000);
    expect(parseTimeBound('May 1', NOW)).toBeUndefined();
    expect(parseTimeBound('2026-13-45', NOW)).toBeUndefined();
  });
});
