import { z } from 'zod';
import { describeIssue } from './resolve-settings.js';
import type { Setting } from './setting.js';

export type Loaded<T> = { config: T; problems: [] } | { config: undefined; problems: string[] };

/** Parses raw values through each row's schema; every problem at once, named by env and flag. */
export function parseSettings(
  rows: readonly Setting[],
  values: Record<string, unknown>,
): Loaded<Record<string, unknown>> {
  const schema = z.object(Object.fromEntries(rows.map((row) => [row.key, row.schema])));
  const result = schema.safeParse(values);
  if (result.success) return { config: result.data, problems: [] };
  return { config: undefined, problems: result.error.issues.map((i) => describeIssue(rows, i)) };
}
