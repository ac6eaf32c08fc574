import { describe, expect, it } from 'vitest';
import { encodeCopyRows, selectList, stageColumns, unnestFrom } from './columns.js';
import type { Column } from './columns.js';

interface Row {
  at: number;
  text: string | null;
  flag: boolean;
  json: string;
}

const columns: Column<Row>[] = [
  { name: 'received_at', kind: 'ms', value: (r) => r.at },
  { name: 'text', kind: 'text', value: (r) => r.text },
  { name: 'flag', kind: 'bool', value: (r) => r.flag },
  { name: 'fields', kind: 'jsonb', value: (r) => r.json },
];

describe('column encodings', () => {
  it('builds unnest parameters and value expressions by kind', () => {
    expect(unnestFrom(columns)).toBe(
      'unnest($1::int8[], $2::text[], $3::bool[], $4::text[]) AS t("received_at", "text", "flag", "fields")',
    );
    expect(selectList(columns)).toBe(
      'to_timestamp(t."received_at"::float8 / 1000), t."text", t."flag", t."fields"::jsonb',
    );
    expect(stageColumns(columns)).toBe(
      '"received_at" int8, "text" text, "flag" bool, "fields" text',
    );
  });

  it('writes COPY text rows with NULLs and backslash escapes', () => {
    const rows: Row[] = [
      { at: 1, text: 'tab\there\nnew\\line\r', flag: true, json: '{"a":"q\\"x"}' },
      { at: 2, text: null, flag: false, json: '{}' },
    ];
    expect(encodeCopyRows(columns, rows)).toBe(
      '1\ttab\\there\\nnew\\\\line\\r\tt\t{"a":"q\\\\"x"}\n2\t\\N\tf\t{}\n',
    );
  });
});
