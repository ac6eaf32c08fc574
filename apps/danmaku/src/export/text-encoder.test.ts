import { describe, expect, it } from 'vitest';
import type { ExportColumn } from './export-query.js';
import { csvEncoder, ndjsonEncoder } from './text-encoder.js';

const columns: ExportColumn[] = [
  { name: 'id', type: 'bigint', kind: 'int64' },
  { name: 'n', type: 'integer', kind: 'int32' },
  { name: 'x', type: 'double precision', kind: 'float64' },
  { name: 'ok', type: 'boolean', kind: 'boolean' },
  { name: 'text', type: 'text', kind: 'text' },
  { name: 'fields', type: 'jsonb', kind: 'json' },
  { name: 'raw', type: 'bytea', kind: 'bytea' },
];

describe('text encoders', () => {
  it('CSV: RFC 4180 quoting, NULL empty, empty string quoted, bytea as \\x hex', () => {
    const csv = csvEncoder(columns);
    expect(csv.header).toBe('id,n,x,ok,text,fields,raw\r\n');
    const rows = [
      ['9223372036854775807', '-1', 'NaN', 'true', 'a,"b"\r\nc', '{"a": 1}', '00ff'],
      [null, null, null, null, '', null, ''],
      ['1', '2', '0.1', 'false', '\\.', '[]', null],
    ];
    expect(csv.encode(rows)).toBe(
      '9223372036854775807,-1,NaN,true,"a,""b""\r\nc","{""a"": 1}",\\x00ff\r\n' +
        ',,,,"",,\\x\r\n' +
        '1,2,0.1,false,"\\.",[],\r\n',
    );
  });

  it('NDJSON: int8 as strings, jsonb embedded, non-finite floats as strings, null', () => {
    const ndjson = ndjsonEncoder(columns);
    expect(ndjson.header).toBe('');
    const out = ndjson.encode([
      [
        '9007199254740993',
        '7',
        '-Infinity',
        'true',
        '你好 😀\n',
        '{"big": 12345678901234567890}',
        '0a',
      ],
      [null, null, '1.5e-300', null, null, null, null],
    ]);
    const [first, second] = out.split('\n');
    expect(first).toBe(
      '{"id":"9007199254740993","n":7,"x":"-Infinity","ok":true,"text":"你好 😀\\n",' +
        '"fields":{"big": 12345678901234567890},"raw":"\\\\x0a"}',
    );
    expect(JSON.parse(second ?? '')).toEqual({
      id: null,
      n: null,
      x: 1.5e-300,
      ok: null,
      text: null,
      fields: null,
      raw: null,
    });
  });
});
