import type { TextRow } from './export-cursor.js';
import type { ExportColumn } from './export-query.js';

/** Turns batches of rows into the bytes of a text format (CSV or NDJSON). */
export interface TextEncoder {
  /** Written once before the first batch ('' for none). */
  header: string;
  encode(rows: readonly TextRow[]): string;
}

/**
 * RFC 4180: CRLF line ends, a header line of column names, fields quoted when they hold a comma,
 * a quote, CR or LF. NULL is an empty unquoted field and an empty string is `""`, as PostgreSQL's
 * `COPY … (FORMAT csv)` writes and reads them. bytea is PostgreSQL's hex text (`\x0a1b`), jsonb
 * its JSON text, booleans `true`/`false`, times ISO 8601 in UTC with microseconds.
 */
export function csvEncoder(columns: readonly ExportColumn[]): TextEncoder {
  const bytea = columns.map((column) => column.kind === 'bytea');
  const field = (value: string | null, i: number): string =>
    value === null ? '' : bytea[i] === true ? `\\x${value}` : quoteCsv(value);
  return {
    header: `${columns.map((column) => quoteCsv(column.name)).join(',')}\r\n`,
    encode(rows) {
      let out = '';
      for (const row of rows) out += `${row.map(field).join(',')}\r\n`;
      return out;
    },
  };
}

function quoteCsv(text: string): string {
  // `\.` alone would end COPY's data; an empty string must not read as NULL.
  return text === '' || text === '\\.' || /[",\r\n]/.test(text)
    ? `"${text.replace(/"/g, '""')}"`
    : text;
}

const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * One JSON object per line, keys in column order. int8 and numeric are JSON strings of their
 * exact digits (a JSON number past 2^53 loses digits in JavaScript and many other readers);
 * smaller integers, floats and booleans are JSON numbers and booleans (NaN and ±Infinity, which
 * JSON cannot say, are strings); jsonb is embedded as JSON; NULL is null; times and bytea are
 * strings as in CSV.
 */
export function ndjsonEncoder(columns: readonly ExportColumn[]): TextEncoder {
  const keys = columns.map((column) => JSON.stringify(column.name));
  const render = columns.map((column) => valueRenderer(column));
  return {
    header: '',
    encode(rows) {
      let out = '';
      for (const row of rows) {
        let line = '{';
        for (let i = 0; i < row.length; i++) {
          const value = row[i] ?? null;
          line += `${i === 0 ? '' : ','}${keys[i]}:${value === null ? 'null' : (render[i] ?? JSON.stringify)(value)}`;
        }
        out += `${line}}\n`;
      }
      return out;
    },
  };
}

function valueRenderer(column: ExportColumn): (value: string) => string {
  switch (column.kind) {
    case 'int16':
    case 'int32':
    case 'boolean':
    case 'json':
      return (value) => value;
    case 'float32':
    case 'float64':
      return (value) => (JSON_NUMBER.test(value) ? value : JSON.stringify(value));
    case 'bytea':
      return (value) => `"\\\\x${value}"`;
    default:
      return (value) => JSON.stringify(value);
  }
}
