import { hostname } from 'node:os';
import {
  ConfigError,
  describeIssue,
  kafkaSecurityProblems,
  parseFlags,
  settingRows,
  shapeOf,
  valuesFromEnv,
} from '@danmaku/runtime/settings';
import { z } from 'zod';
import {
  COLLECTOR_SETTINGS,
  DEFAULT_TCP_ENDPOINTS,
  DEFAULT_WS_ENDPOINTS,
} from './collector-settings.js';

export type ConfigKey = keyof typeof COLLECTOR_SETTINGS;

const schema = z.object(shapeOf(COLLECTOR_SETTINGS));

type Parsed = z.output<typeof schema>;
export type CollectorConfig = Readonly<
  Omit<Parsed, 'collectorId' | 'endpoints'> & { collectorId: string; endpoints: string[] }
>;

/** The collector's rows of the settings table, for the CLI and the README. */
export const collectorSettings = settingRows(COLLECTOR_SETTINGS, ['collector']);
const FLAG_TO_KEY = new Map(collectorSettings.map((row) => [row.flag, row.key]));

/**
 * Env, then flags (flags win), then explicit overrides, through one schema; throws ConfigError
 * listing every problem at once. Nothing else in the collector reads process.env.
 */
export function loadCollectorConfig(
  env: Record<string, string | undefined> = process.env,
  argv: readonly string[] = [],
  overrides: Partial<Record<ConfigKey, unknown>> = {},
): CollectorConfig {
  const raw = valuesFromEnv(collectorSettings, env);
  const flags = parseFlags(argv, FLAG_TO_KEY);
  Object.assign(raw, flags.values, overrides);
  const result = schema.safeParse(raw);
  const problems = [...flags.problems, ...endpointProblems(raw), ...kafkaSecurityProblems(raw)];
  if (!result.success) {
    for (const issue of result.error.issues) problems.push(describeIssue(collectorSettings, issue));
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
  return collectorSettings.map(
    (row) => `  --${row.flag.padEnd(24)} ${row.env.padEnd(26)} ${row.help}`,
  );
}

/** Checked apart from the schema so that it is reported even when other fields are invalid. */
function endpointProblems(raw: Record<string, unknown>): string[] {
  const transport = raw['transport'] === 'tcp' ? 'tcp' : 'ws';
  const endpoints = COLLECTOR_SETTINGS.endpoints.schema.safeParse(raw['endpoints']);
  if (!endpoints.success) return [];
  const pattern = transport === 'ws' ? /^wss?:\/\/.+/ : /^[^/:]+:\d+$/;
  return (endpoints.data ?? [])
    .filter((endpoint) => !pattern.test(endpoint))
    .map((endpoint) => `DOUYU_ENDPOINTS / --endpoints: bad ${transport} endpoint "${endpoint}"`);
}
