import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { markdownTableCells } from '@danmaku/runtime';
import { describe, expect, it } from 'vitest';
import { configurationTable, TABLE_END, TABLE_START } from './readme-table.js';

const README = fileURLToPath(new URL('../../../../README.md', import.meta.url));

describe('the README configuration table', () => {
  it('equals the one generated from the settings table (pnpm settings:readme rewrites it)', () => {
    const readme = readFileSync(README, 'utf8');
    const start = readme.indexOf(TABLE_START);
    const end = readme.indexOf(TABLE_END);
    expect(start, 'table markers in README.md').toBeGreaterThan(-1);
    const written = readme.slice(start + TABLE_START.length, end);
    expect(markdownTableCells(written)).toEqual(markdownTableCells(configurationTable()));
  });

  it('shows both defaults of a setting that collector and writer read differently', () => {
    const brokers = markdownTableCells(configurationTable()).find(
      (cells) => cells[0] === '`KAFKA_BROKERS`',
    );
    expect(brokers).toEqual([
      '`KAFKA_BROKERS`',
      '`--kafka-brokers`',
      'collector: `127.0.0.1:9092`; writer: required',
      'collector, writer',
      'comma list host:port',
    ]);
  });
});
