import { describe, expect, it } from 'vitest';
import { columnComment, type DatabaseRelation } from '@danmaku/writer/dictionary';
import { formatColumns, formatRelations } from './describe-tables.js';

const relation: DatabaseRelation = {
  relation: 'gifts',
  kind: 'table',
  comment: 'One row per gift.',
  columns: [
    {
      column: 'gift_count',
      type: 'integer',
      comment: columnComment({
        description: 'Gifts in the event.',
        unit: 'gifts',
        wire: 'dgb.gfcnt',
        codes: [['1', 'when absent']],
      }),
    },
    { column: 'hand', type: 'text', comment: 'Written by hand, with no parts.' },
    { column: 'bare', type: 'text', comment: null },
  ],
};

describe('danmaku describe output', () => {
  it('lists each relation with its kind and description, or says it has none', () => {
    const text = formatRelations('here', [
      relation,
      { ...relation, relation: 'v', kind: 'view', comment: null },
    ]);
    expect(text).toContain('tables and views in here:\n');
    expect(text).toMatch(/^ {2}gifts +table {2}One row per gift\.$/m);
    expect(text).toMatch(/^ {2}v +view {3}\(no comment: `danmaku migrate` sets them\)$/m);
  });

  it('shows a column as type, unit, wire field and meaning, its codes below', () => {
    const lines = formatColumns(relation).split('\n');
    expect(lines[0]).toBe('gifts (table): One row per gift.');
    expect(lines[2]).toMatch(/^column +type +unit +wire field +meaning$/);
    expect(lines[3]).toMatch(/^gift_count +integer +gifts +dgb\.gfcnt +Gifts in the event\.$/);
    expect(lines[4]).toMatch(/^ {20,}1 = when absent$/);
    expect(lines[5]).toMatch(/^hand +text +Written by hand, with no parts\.$/);
    expect(lines[6]).toMatch(/^bare +text +\(no comment/);
  });
});
