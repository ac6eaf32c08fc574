import { describe, expect, it } from 'vitest';
import { formatRows } from './sql-table.js';

describe('formatRows', () => {
  it('aligns columns like psql', () => {
    const text = formatRows(
      [
        { room_id: 1001, nickname: '鱼丸', at: new Date(Date.UTC(2026, 0, 1)) },
        { room_id: 22, nickname: null, at: null },
      ],
      2,
      false,
    );
    expect(text).toBe(
      [
        'room_id | nickname | at',
        '--------+----------+-------------------------',
        '1001    | 鱼丸     | 2026-01-01T00:00:00.000Z',
        '22      |          |',
        '(2 rows)',
        '',
      ].join('\n'),
    );
  });

  it('says what a statement without rows did, and writes JSON lines', () => {
    expect(formatRows([], 0, false)).toBe('(0 rows)\n');
    expect(formatRows([], 3, false)).toBe('(3 rows affected)\n');
    expect(formatRows([{ n: 1n, j: { a: 1 } }], 1, true)).toBe('{"n":"1","j":{"a":1}}\n');
  });
});
