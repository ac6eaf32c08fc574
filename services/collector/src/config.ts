import { hostname } from 'node:os';
import { ConfigError } from '@danmaku/runtime';
import { z } from 'zod';
import { parseFlags } from './config-flags';
import { DEFAULT_TCP_ENDPOINTS, DEFAULT_WS_ENDPOINTS, FIELDS } from './config-fields';

type Fields = typeof FIELDS;
export type ConfigKey = keyof Fields;

const schema = z.object(
  Object.fromEntries(Object.entries(FIELDS).map(([k, [, s]]) => [k, s])) as {
    [K in ConfigKey]: Fields[K][1];
  },
);

type Parsed = z.output<typeof schema>;
export type CollectorConfig = Readonly<
  Omit<Parsed, 'collectorId' | 'endpoints'> & { collectorId: string; endpoints: string[] }
>;

const ENV_TO_KEY = new Map(Object.entries(FIELDS).map(([k, [env]]) => [env, k as ConfigKey]));
const FLAG_TO_KEY = new Map(Object.keys(FIELDS).map((k) => [toKebab(k), k as ConfigKey]));

/**
 * Env, then flags (flags win), then explicit overrides, through one schema; throws ConfigError
 * listing every problem at once. Nothing else in the collector reads process.env.
 */
export function loadCollectorConfig(
  env: Record<string, string | undefined> = process.env,
  argv: readonly string[] = [],
  overrides: Partial<Record<ConfigKey, unknown>> = {},
): CollectorConfig {
  const raw: Record<string, unknown> = {};
  for (const [env_, key] of ENV_TO_KEY) if (env[env_] !== undefined) raw[key] = env[env_];
  const flags = parseFlags(argv, FLAG_TO_KEY);
  Object.assign(raw, flags.values, overrides);
  const result = schema.safeParse(raw);
  const problems = [...flags.problems, ...endpointProblems(raw)];
  if (!result.success) {
    for (const issue of result.error.issues)
      problems.push(describeIssue(issue.path, issue.message));
  }
  if (!result.success || problems.length > 0) throw new ConfigError(problems, 'collector');
  const c = result.data;
  return Object.freeze({
    ...c,
    collectorId: c.collectorId ?? `${hostname()}-${process.pid}`,
    endpoints: c.endpoints ?? (c.transport === 'ws' ? DEFAULT_WS_ENDPOINTS : DEFAULT_TCP_ENDPOINTS),
  });
}

/** Lines for `--help`: flag, env name, help text. */
export function describeCollectorConfig(): string[] {
  return Object.entries(FIELDS).map(
    ([key, [env, , help]]) => `  --${toKebab(key).padEnd(24)} ${env.padEnd(26)} ${help}`,
  );
}

/** Checked apart from the schema so that it is reported even when other fields are invalid. */
function endpointProblems(raw: Record<string, unknown>): string[] {
  const transport = raw['transport'] === 'tcp' ? 'tcp' : 'ws';
  const endpoints = FIELDS.endpoints[1].safeParse(raw['endpoints']);
  if (!endpoints.success) return [];
  const pattern = transport === 'ws' ? /^wss?:\/\/.+/ : /^[^/:]+:\d+$/;
  return (endpoints.data ?? [])
    .filter((endpoint) => !pattern.test(endpoint))
    .map((endpoint) => `DOUYU_ENDPOINTS / --endpoints: bad ${transport} endpoint "${endpoint}"`);
}

function describeIssue(path: readonly PropertyKey[], message: string): string {
  const key = String(path[0] ?? '') as ConfigKey;
  const field = FIELDS[key] as Fields[ConfigKey] | undefined;
  if (!field) return message;
  const index = path.length > 1 ? `[${String(path[1])}]` : '';
  return `${field[0]} / --${toKebab(key)}${index}: ${message}`;
}

function toKebab(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
