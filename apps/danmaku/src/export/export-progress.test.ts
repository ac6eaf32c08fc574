import { describe, expect, it } from 'vitest';
import { exportProgress, progressLine } from './export-progress.js';

const summary = {
  table: 'gifts',
  format: 'csv',
  output: '-',
  rows: 1500,
  bytes: 123_456,
  seconds: 1.5,
  rowsPerSecond: 1000,
};

describe('export progress', () => {
  it('draws a bar once the total is known', () => {
    expect(progressLine(250, 1000, 2_500_000, 0.5)).toBe(
      '[######..................] 25% 250/1,000 rows, 2.5 MB, 500 rows/s',
    );
    expect(progressLine(250, undefined, 0, 0)).toBe('250 rows, 0.0 MB, 0 rows/s');
  });

  it('without a terminal: only the summary line', () => {
    let text = '';
    let now = 0;
    const progress = exportProgress(
      (t) => (text += t),
      false,
      () => now,
    );
    now = 1000;
    progress.update(10, 10);
    progress.finish(summary);
    expect(text).toBe(
      'exported 1500 rows of gifts as csv to stdout: 123456 bytes in 1.50 s (1000 rows/s)\n',
    );
  });

  it('on a terminal: redraws at most five times a second, then clears the line', () => {
    let text = '';
    let now = 0;
    const progress = exportProgress(
      (t) => (text += t),
      true,
      () => now,
    );
    progress.setTotal(100);
    now = 300;
    progress.update(50, 0);
    now = 400;
    progress.update(60, 0);
    progress.finish(summary);
    expect(text.split('\r\x1b[2K')).toHaveLength(3);
    expect(text).toContain('50% 50/100 rows');
    expect(text).not.toContain('60/100');
  });
});
