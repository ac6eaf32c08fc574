import { settingsMarkdownTable, type Setting, type SettingsTableRow } from '@danmaku/runtime';
import { CLI_FIELDS, collectorFields, writerFields } from './fields.js';

export const TABLE_START = '<!-- settings-table:start (pnpm settings:readme) -->';
export const TABLE_END = '<!-- settings-table:end -->';

/** Environment variables read outside the settings table (by the CLI itself, or at install). */
const ENVIRONMENT_ONLY: readonly SettingsTableRow[] = [
  {
    env: 'DANMAKU_CONFIG',
    flag: 'config',
    shownDefault: '',
    usedBy: 'all',
    help: 'the JSON config file',
  },
  {
    env: 'DANMAKU_CACHE_DIR',
    flag: '',
    shownDefault: '`~/.cache/danmaku`',
    usedBy: 'run',
    help: 'where the PGlite template (an initialised data directory) is kept',
  },
  {
    env: 'DANMAKU_PGLITE_TEMPLATE',
    flag: '',
    shownDefault: '',
    usedBy: 'run',
    help: '`off`: a fresh data dir runs initdb instead of restoring the template',
  },
  {
    env: 'DANMAKU_SKIP_PGLITE_TEMPLATE',
    flag: '',
    shownDefault: '',
    usedBy: '`pnpm install`',
    help: '`1`: do not prepare the template at install (the Docker build sets it)',
  },
];

/**
 * The README's configuration table, from the settings table: one line per environment variable;
 * a variable that several components read shows each one's default when they differ.
 */
export function configurationTable(): string {
  const byEnv = new Map<string, Setting[]>();
  for (const row of [...collectorFields(), ...writerFields(), ...CLI_FIELDS]) {
    byEnv.set(row.env, [...(byEnv.get(row.env) ?? []), row]);
  }
  const lines = [...byEnv.values()].map(tableRow);
  return settingsMarkdownTable([...lines, ...ENVIRONMENT_ONLY]);
}

/** `readme` with the text between the table markers replaced by the generated table. */
export function withConfigurationTable(readme: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start === -1 || end < start) throw new Error('README: settings table markers not found');
  const before = readme.slice(0, start + TABLE_START.length);
  return `${before}\n\n${configurationTable()}\n\n${readme.slice(end)}`;
}

function tableRow(rows: readonly Setting[]): SettingsTableRow {
  const [first] = rows;
  if (first === undefined) throw new Error('empty settings group');
  const users = [...new Set(rows.flatMap((row) => row.usedBy))];
  const defaults = new Set(rows.map((row) => row.shownDefault));
  const shownDefault =
    defaults.size === 1
      ? first.shownDefault
      : rows.map((row) => `${row.usedBy.join(', ')}: ${row.shownDefault}`).join('; ');
  return {
    env: first.env,
    flag: first.flag,
    shownDefault,
    usedBy: users.join(', '),
    help: first.help,
  };
}
