/** One line of a configuration table in a README. */
export interface SettingsTableRow {
  env: string;
  /** Without the dashes; empty when the setting has no flag. */
  flag: string;
  /** Markdown. */
  shownDefault: string;
  usedBy: string;
  help: string;
}

const HEADER = ['env', 'flag', 'default', 'used by', 'meaning'];

/** A Markdown table, padded the way prettier pads one, so the README stays prettier-clean. */
export function settingsMarkdownTable(rows: readonly SettingsTableRow[]): string {
  const cells = rows.map((row) => [
    `\`${row.env}\``,
    row.flag === '' ? '' : `\`--${row.flag}\``,
    row.shownDefault,
    row.usedBy,
    row.help,
  ]);
  const widths = HEADER.map((title, column) =>
    Math.max(title.length, 3, ...cells.map((line) => (line[column] ?? '').length)),
  );
  const line = (values: readonly string[]) =>
    `| ${values.map((value, column) => value.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  const rule = `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`;
  return [line(HEADER), rule, ...cells.map(line)].join('\n');
}

/** The cells of a Markdown table, trimmed (to compare tables whatever their padding). */
export function markdownTableCells(table: string): string[][] {
  return table
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|[\s|-]+\|$/.test(line))
    .map((line) =>
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    );
}
