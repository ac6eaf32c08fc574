import { booleanArray, numberArray, textArray } from './pg-array.js';

/**
 * How a column travels: int4/int8 as numbers, `ms` as epoch milliseconds turned into timestamptz
 * in SQL, `jsonb` as JSON text, `hex` as hex text decoded to bytea.
 */
export type ColumnKind = 'int4' | 'int8' | 'text' | 'bool' | 'jsonb' | 'ms' | 'hex';

export interface Column<Row> {
  name: string;
  kind: ColumnKind;
  value: (row: Row) => string | number | boolean | null;
}

const arrayType: Record<ColumnKind, string> = {
  int4: 'int4[]',
  int8: 'int8[]',
  text: 'text[]',
  bool: 'bool[]',
  jsonb: 'text[]',
  ms: 'int8[]',
  hex: 'text[]',
};

/** `unnest($1::int8[], $2::text[], …) AS t(a, b, …)`, parameters numbered from `first`. */
export function unnestFrom<Row>(columns: readonly Column<Row>[], first = 1): string {
  const args = columns.map((c, i) => `$${first + i}::${arrayType[c.kind]}`).join(', ');
  return `unnest(${args}) AS t(${columnNames(columns)})`;
}

/** The value expression of each column over the unnest alias `t`. */
export function selectList<Row>(columns: readonly Column<Row>[]): string {
  return columns.map((c) => valueExpression(c)).join(', ');
}

function valueExpression<Row>(column: Column<Row>): string {
  const ref = `t."${column.name}"`;
  switch (column.kind) {
    case 'ms':
      return `to_timestamp(${ref}::float8 / 1000)`;
    case 'jsonb':
      return `${ref}::jsonb`;
    case 'hex':
      return `decode(${ref}, 'hex')`;
    default:
      return ref;
  }
}

export function columnNames<Row>(columns: readonly Column<Row>[]): string {
  return columns.map((c) => `"${c.name}"`).join(', ');
}

const stageType: Record<ColumnKind, string> = {
  int4: 'int4',
  int8: 'int8',
  text: 'text',
  bool: 'bool',
  jsonb: 'text',
  ms: 'int8',
  hex: 'text',
};

/** Column list of a COPY stage table holding the same values as the unnest arrays. */
export function stageColumns<Row>(columns: readonly Column<Row>[]): string {
  return columns.map((c) => `"${c.name}" ${stageType[c.kind]}`).join(', ');
}

/** COPY text format: tab-separated, \N for NULL, backslash escapes. */
export function encodeCopyRows<Row>(columns: readonly Column<Row>[], rows: readonly Row[]): string {
  const lines = new Array<string>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as Row;
    let line = '';
    for (let c = 0; c < columns.length; c++) {
      const v = (columns[c] as Column<Row>).value(row);
      if (c > 0) line += '\t';
      line +=
        v === null
          ? '\\N'
          : typeof v === 'string'
            ? copyEscape(v)
            : typeof v === 'boolean'
              ? v
                ? 't'
                : 'f'
              : String(v);
    }
    lines[r] = line;
  }
  return lines.join('\n') + '\n';
}

const copySpecial = /[\\\t\n\r]/;
const copyEscapes: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function copyEscape(value: string): string {
  return copySpecial.test(value)
    ? value.replace(/[\\\t\n\r]/g, (ch) => copyEscapes[ch] ?? ch)
    : value;
}

/** One array literal per column: the whole batch in `columns.length` parameters. */
export function encodeColumns<Row>(
  columns: readonly Column<Row>[],
  rows: readonly Row[],
): string[] {
  return columns.map((column) => {
    const values = rows.map(column.value);
    switch (column.kind) {
      case 'bool':
        return booleanArray(values as boolean[]);
      case 'text':
      case 'jsonb':
      case 'hex':
        return textArray(values as (string | null)[]);
      default:
        return numberArray(values as (number | string | null)[]);
    }
  });
}
