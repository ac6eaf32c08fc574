import type { z } from 'zod';
import type { ConfigFile } from './config-file.js';
import type { Setting } from './setting.js';

/** Where settings come from. Precedence: flags > env > file > defaults. */
export interface SettingSources {
  env: Record<string, string | undefined>;
  /** The config file (camelCase key → value), with its own problems. */
  file: ConfigFile;
  /** camelCase key → value given on the command line. */
  flags: Record<string, unknown>;
}

export type SettingOrigin = 'flag' | 'env' | 'file' | 'default';

/** The raw value of each setting that is given somewhere, by precedence (unparsed). */
export function resolveValues(
  rows: readonly Setting[],
  sources: SettingSources,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const row of rows) {
    const value =
      sources.flags[row.key] ?? nonEmpty(sources.env[row.env]) ?? sources.file.values[row.key];
    if (value !== undefined) values[row.key] = value;
  }
  return values;
}

/** Environment values only (unset or blank = default), trimmed. */
export function valuesFromEnv(
  rows: readonly Setting[],
  env: Record<string, string | undefined>,
): Record<string, unknown> {
  return resolveValues(rows, {
    env,
    file: { path: undefined, values: {}, problems: [] },
    flags: {},
  });
}

/** Where the value of one setting comes from (for `danmaku status`). */
export function originOf(sources: SettingSources, row: Setting): SettingOrigin {
  if (sources.flags[row.key] !== undefined) return 'flag';
  if (nonEmpty(sources.env[row.env]) !== undefined) return 'env';
  if (sources.file.values[row.key] !== undefined) return 'file';
  return 'default';
}

/** A zod issue as `ENV / --flag[index]: message`, naming both ways to set it. */
export function describeIssue(rows: readonly Setting[], issue: z.core.$ZodIssue): string {
  const key = String(issue.path[0] ?? '');
  const row = rows.find((candidate) => candidate.key === key);
  if (row === undefined) return issue.message;
  const index = issue.path.length > 1 ? `[${String(issue.path[1])}]` : '';
  return `${row.env} / --${row.flag}${index}: ${issue.message}`;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
