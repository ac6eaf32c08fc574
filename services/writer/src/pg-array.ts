// PostgreSQL array literals for UNNEST inserts: one parameter per column, whatever the batch
// size, so a batch never approaches the 65,535-parameter limit. Encoding them here (instead of
// letting each driver do it) keeps node-postgres and PGlite byte-identical and is cheaper than
// node-postgres' generic array serialiser.

export function numberArray(values: readonly (number | string | null)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) out += ',';
    out += v === null || v === undefined ? 'NULL' : String(v);
  }
  return out + '}';
}

export function booleanArray(values: readonly boolean[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) out += (i > 0 ? ',' : '') + (values[i] ? 't' : 'f');
  return out + '}';
}

export function textArray(values: readonly (string | null)[]): string {
  if (values.every(isPlain)) return values.length === 0 ? '{}' : '{"' + values.join('","') + '"}';
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    parts[i] = v === null || v === undefined ? 'NULL' : quoteElement(v);
  }
  return '{' + parts.join(',') + '}';
}

/** Needs no escaping inside double quotes: one join for the whole column. */
const isPlain = (v: string | null): v is string =>
  v !== null && v.indexOf('"') === -1 && v.indexOf('\\') === -1;

function quoteElement(value: string): string {
  if (value.indexOf('"') === -1 && value.indexOf('\\') === -1) return '"' + value + '"';
  return '"' + value.replace(/["\\]/g, '\\$&') + '"';
}
