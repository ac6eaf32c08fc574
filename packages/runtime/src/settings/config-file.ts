import { readFileSync } from 'node:fs';
import type { Setting } from './setting.js';

export interface ConfigFile {
  path: string | undefined;
  /** camelCase key → value as written in the file. */
  values: Record<string, unknown>;
  problems: string[];
}

/**
 * Reads a JSON config file: one object whose keys are settings, either camelCase
 * (`"databaseUrl"`) or environment names (`"DATABASE_URL"`). Unknown keys are problems, so a
 * typo does not silently fall back to a default.
 */
export function readConfigFile(path: string | undefined, rows: readonly Setting[]): ConfigFile {
  if (path === undefined || path === '') return { path: undefined, values: {}, problems: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return { path, values: {}, problems: [`config file ${path}: ${messageOf(error)}`] };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { path, values: {}, problems: [`config file ${path}: expected a JSON object`] };
  }
  const keys = new Set(rows.map((row) => row.key));
  const byEnv = new Map(rows.map((row) => [row.env, row.key]));
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, value] of Object.entries(parsed)) {
    const key = keys.has(name) ? name : byEnv.get(name);
    if (key === undefined) {
      problems.push(`config file ${path}: unknown setting "${name}"`);
    } else if (!isSettingValue(value)) {
      problems.push(`config file ${path}: "${name}" must be a string, number, boolean or list`);
    } else {
      values[key] = value;
    }
  }
  return { path, values, problems };
}

function isSettingValue(value: unknown): boolean {
  const scalar = (v: unknown) => ['string', 'number', 'boolean'].includes(typeof v);
  return scalar(value) || (Array.isArray(value) && value.every(scalar));
}

function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/^ENOENT: /, '');
}
