const MAX_CELL = 80;

/** psql-like aligned columns, or JSON lines; `(n rows)` after a table. */
export function formatRows(
  rows: Record<string, unknown>[],
  rowCount: number,
  json: boolean,
): string {
  if (json) return rows.map((row) => `${JSON.stringify(row, replacer)}\n`).join('');
  const first = rows[0];
  if (first === undefined) return rowCount > 0 ? `(${rowCount} rows affected)\n` : '(0 rows)\n';
  const columns = Object.keys(first);
  const cells = rows.map((row) => columns.map((column) => cell(row[column])));
  const widths = columns.map((column, i) =>
    Math.max(displayWidth(column), ...cells.map((line) => displayWidth(line[i] ?? ''))),
  );
  const pad = (value: string, width: number) => value + ' '.repeat(width - displayWidth(value));
  const render = (values: string[]) =>
    values
      .map((value, i) => pad(value, widths[i] ?? 0))
      .join(' | ')
      .trimEnd();
  const lines = [
    render(columns),
    widths.map((w) => '-'.repeat(w)).join('-+-'),
    ...cells.map(render),
  ];
  return `${lines.join('\n')}\n(${rows.length} row${rows.length === 1 ? '' : 's'})\n`;
}

function cell(value: unknown): string {
  let text: string;
  if (value === null || value === undefined) text = '';
  else if (value instanceof Date) text = value.toISOString();
  else if (typeof value === 'object') text = JSON.stringify(value, replacer);
  else text = `${value as string}`;
  text = text.replace(/\s+/g, ' ');
  return text.length > MAX_CELL ? `${text.slice(0, MAX_CELL - 1)}…` : text;
}

function replacer(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

/** Terminal columns: CJK and fullwidth characters take two (nicknames and chat are Chinese). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      (code >= 0x1f300 && code <= 0x1faff) ||
      (code >= 0x20000 && code <= 0x3fffd);
    width += wide ? 2 : 1;
  }
  return width;
}
