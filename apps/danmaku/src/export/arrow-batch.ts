import {
  Binary,
  Bool,
  DateDay,
  Field,
  Float32,
  Float64,
  Int16,
  Int32,
  Int64,
  RecordBatch,
  Schema,
  Struct,
  TimestampMicrosecond,
  Utf8,
  makeData,
  type Data,
  type DataType,
} from 'apache-arrow';
import type { TextRow } from './export-cursor.js';
import type { ColumnKind, ExportColumn } from './export-query.js';

const DAY_MS = 86_400_000;

/**
 * Arrow types, and so Parquet's: int8 is INT64, timestamptz TIMESTAMP(MICROS, UTC), timestamp
 * TIMESTAMP(MICROS, local), bytea BYTE_ARRAY, jsonb a JSON string (Arrow's `arrow.json`
 * extension, Parquet's JSON type), numeric a string of its exact digits. Every field is nullable.
 */
export function arrowSchema(columns: readonly ExportColumn[]): Schema {
  return new Schema(
    columns.map((column) => {
      const metadata =
        column.kind === 'json' ? new Map([['ARROW:extension:name', 'arrow.json']]) : null;
      return new Field(column.name, arrowType(column.kind), true, metadata);
    }),
  );
}

function arrowType(kind: ColumnKind): DataType {
  switch (kind) {
    case 'int16':
      return new Int16();
    case 'int32':
      return new Int32();
    case 'int64':
      return new Int64();
    case 'float32':
      return new Float32();
    case 'float64':
      return new Float64();
    case 'boolean':
      return new Bool();
    case 'timestamptz':
      return new TimestampMicrosecond('UTC');
    case 'timestamp':
      return new TimestampMicrosecond(null);
    case 'date':
      return new DateDay();
    case 'bytea':
      return new Binary();
    default:
      return new Utf8();
  }
}

/** One batch of text rows as an Arrow record batch of the schema's types. */
export function arrowBatch(
  schema: Schema,
  columns: readonly ExportColumn[],
  rows: readonly TextRow[],
): RecordBatch {
  const children = columns.map((column, i) =>
    columnData(schema.fields[i]?.type as DataType | undefined, column, rows, i),
  );
  const data = makeData({ type: new Struct(schema.fields), length: rows.length, children });
  return new RecordBatch(schema, data);
}

function columnData(
  type: DataType | undefined,
  column: ExportColumn,
  rows: readonly TextRow[],
  index: number,
): Data {
  const length = rows.length;
  const nullBitmap = new Uint8Array(Math.ceil(length / 8));
  let nullCount = 0;
  const values: (string | null)[] = rows.map((row, r) => {
    const value = row[index] ?? null;
    if (value === null) nullCount++;
    else nullBitmap[r >> 3] = (nullBitmap[r >> 3] ?? 0) | (1 << (r & 7));
    return value;
  });
  const props = { type, length, nullCount, nullBitmap } as { type: DataType } & object;
  const fixed = fixedWidth(column, values);
  if (fixed !== undefined) return makeData({ ...props, data: fixed } as never);
  if (column.kind === 'boolean') {
    const bits = new Uint8Array(Math.ceil(length / 8));
    values.forEach((v, r) => {
      if (v === 'true') bits[r >> 3] = (bits[r >> 3] ?? 0) | (1 << (r & 7));
    });
    return makeData({ ...props, data: bits } as never);
  }
  const { valueOffsets, data } = variableWidth(column.kind === 'bytea', values);
  return makeData({ ...props, valueOffsets, data } as never);
}

type FixedArray = Int16Array | Int32Array | BigInt64Array | Float32Array | Float64Array;

function fixedWidth(column: ExportColumn, values: readonly (string | null)[]) {
  const fill = <A extends FixedArray>(array: A, parse: (text: string) => A[number]): A => {
    values.forEach((v, r) => {
      if (v !== null) array[r] = parse(v);
    });
    return array;
  };
  const n = values.length;
  switch (column.kind) {
    case 'int16':
      return fill(new Int16Array(n), Number);
    case 'int32':
      return fill(new Int32Array(n), Number);
    case 'int64':
      return fill(new BigInt64Array(n), BigInt);
    case 'float32':
      return fill(new Float32Array(n), Number);
    case 'float64':
      return fill(new Float64Array(n), Number);
    case 'timestamptz':
    case 'timestamp':
      return fill(new BigInt64Array(n), (text) => isoMicros(text, column.name));
    case 'date':
      return fill(new Int32Array(n), (text) => Math.round(utcMs(`${text}T00:00:00`) / DAY_MS));
    default:
      return undefined;
  }
}

const encoder = new TextEncoder();

function variableWidth(hex: boolean, values: readonly (string | null)[]) {
  const valueOffsets = new Int32Array(values.length + 1);
  let size = 0;
  for (const v of values) if (v !== null) size += hex ? v.length / 2 : v.length * 3;
  const data = new Uint8Array(size);
  let at = 0;
  values.forEach((v, r) => {
    if (v !== null) {
      if (hex) at += Buffer.from(data.buffer, at, v.length / 2).write(v, 'hex');
      else at += encoder.encodeInto(v, data.subarray(at)).written;
    }
    valueOffsets[r + 1] = at;
  });
  return { valueOffsets, data: data.subarray(0, at) };
}

/** `2026-05-01T08:00:00.123456Z` (what the SELECT writes) as microseconds since 1970 UTC. */
function isoMicros(text: string, column: string): bigint {
  const match = /^(.*T\d{2}:\d{2}:\d{2})\.(\d{6})Z?$/.exec(text);
  if (match === null) {
    throw new Error(`${column}: ${text} has no Parquet timestamp (only finite times do)`);
  }
  return BigInt(utcMs(match[1] ?? '')) * 1000n + BigInt(match[2] ?? '0');
}

/** Milliseconds of a UTC wall time `YYYY-MM-DDTHH:MI:SS`, years before 100 and past 9999 too. */
function utcMs(wall: string): number {
  const m = /^(-?\d+)-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(wall);
  if (m === null) throw new Error(`${wall} is no ISO time`);
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, ...number[]];
  const date = new Date(Date.UTC(2000, (mo ?? 1) - 1, d, h, mi, s));
  date.setUTCFullYear(y ?? 2000);
  return date.getTime();
}
