import type { ColumnEntry } from './dictionary-types.js';

// A column's COMMENT is one line (psql's \d+ shows it in a table cell), its parts joined by
// " | ": the description, then "unit: …", "wire: …", "codes: 0 = a; 1 = b". `danmaku describe`
// parses it back, so it can describe any database it is pointed at from the database alone.

const SEPARATOR = ' | ';
const CODE_SEPARATOR = '; ';

/** The COMMENT text of a column. */
export function columnComment(entry: ColumnEntry): string {
  const parts = [entry.description];
  if (entry.unit !== undefined) parts.push(`unit: ${entry.unit}`);
  if (entry.wire !== undefined) parts.push(`wire: ${entry.wire}`);
  if (entry.codes !== undefined) parts.push(`codes: ${codesText(entry.codes)}`);
  return parts.join(SEPARATOR);
}

export function codesText(codes: NonNullable<ColumnEntry['codes']>): string {
  return codes.map(([code, meaning]) => `${code} = ${meaning}`).join(CODE_SEPARATOR);
}

/** A column COMMENT read back into its parts; a comment written by hand is all description. */
export function parseColumnComment(comment: string): ColumnEntry {
  const [description = '', ...rest] = comment.split(SEPARATOR);
  const entry: { -readonly [K in keyof ColumnEntry]: ColumnEntry[K] } = { description };
  for (const part of rest) {
    const colon = part.indexOf(': ');
    const key = colon < 0 ? '' : part.slice(0, colon);
    const value = part.slice(colon + 2);
    if (key === 'unit') entry.unit = value;
    else if (key === 'wire') entry.wire = value;
    else if (key === 'codes') entry.codes = parseCodes(value);
    else entry.description += `${SEPARATOR}${part}`;
  }
  return entry;
}

function parseCodes(text: string): [string, string][] {
  return text.split(CODE_SEPARATOR).map((pair) => {
    const at = pair.indexOf(' = ');
    return at < 0 ? [pair, ''] : [pair.slice(0, at), pair.slice(at + 3)];
  });
}

/** Problems that would make a comment ambiguous to parse back (the test requires none). */
export function commentProblems(name: string, entry: ColumnEntry): string[] {
  const problems: string[] = [];
  const texts = [entry.description, entry.unit, entry.wire].filter((t) => t !== undefined);
  for (const [code, meaning] of entry.codes ?? []) texts.push(code, meaning);
  for (const text of texts) {
    if (text.includes(SEPARATOR.trim())) problems.push(`${name}: "|" in "${text}"`);
    if (text.includes('\n')) problems.push(`${name}: a line break in "${text}"`);
  }
  for (const [code, meaning] of entry.codes ?? []) {
    if (`${code}${meaning}`.includes(';')) problems.push(`${name}: ";" in code ${code}`);
    if (code.includes(' = ')) problems.push(`${name}: " = " in code ${code}`);
  }
  if (entry.description.trim() === '') problems.push(`${name}: no description`);
  return problems;
}
