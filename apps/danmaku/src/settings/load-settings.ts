import { loadCollectorConfig, type CollectorConfig, type ConfigKey } from '@danmaku/collector';
import { ConfigError } from '@danmaku/runtime';
import { parseWriterConfig, type WriterConfig, type WriterConfigInput } from '@danmaku/writer';
import type { ConfigFile } from './config-file';
import { CLI_FIELDS, collectorFields, writerFields, type Field } from './fields';

/** Where settings come from. Precedence: flags > env > file > defaults. */
export interface SettingSources {
  env: Record<string, string | undefined>;
  file: ConfigFile;
  /** camelCase key → value given on the command line. */
  flags: Record<string, unknown>;
}

export type Loaded<T> = { config: T; problems: [] } | { config: undefined; problems: string[] };

export type SettingOrigin = 'flag' | 'env' | 'file' | 'default';

/**
 * The collector reads env and explicit overrides; the file goes in underneath the environment
 * (as if it were env) and the flags on top (as overrides). `pinned` is what the command itself
 * decides (the simulator's endpoint in `run --simulate`).
 */
export function loadCollectorSettings(
  sources: SettingSources,
  pinned: Partial<Record<ConfigKey, unknown>> = {},
): Loaded<CollectorConfig> {
  const fields = collectorFields();
  const fileEnv: Record<string, string> = {};
  const overrides: Record<string, unknown> = {};
  for (const field of fields) {
    const fromFile = sources.file.values[field.key];
    if (fromFile !== undefined) fileEnv[field.env] = asEnvText(fromFile);
    if (sources.flags[field.key] !== undefined) overrides[field.key] = sources.flags[field.key];
  }
  try {
    const config = loadCollectorConfig({ ...fileEnv, ...sources.env }, [], {
      ...overrides,
      ...pinned,
    });
    return { config, problems: [] };
  } catch (error) {
    if (error instanceof ConfigError) return { config: undefined, problems: error.problems };
    throw error;
  }
}

export function loadWriterSettings(
  sources: SettingSources,
  pinned: Partial<WriterConfigInput> & Pick<WriterConfigInput, 'mode'>,
): Loaded<WriterConfig> {
  const input: Record<string, unknown> = {};
  for (const field of writerFields()) {
    const value = pick(sources, field);
    if (value !== undefined)
      input[field.key] = field.key === 'kafkaBrokers' ? asList(value) : value;
  }
  try {
    return {
      config: parseWriterConfig({ ...input, ...pinned }),
      problems: [],
    };
  } catch (error) {
    if (error instanceof ConfigError) return { config: undefined, problems: error.problems };
    throw error;
  }
}

export interface CliSettings {
  /** Period of the plain status log line when stdout is no TTY. */
  statusIntervalMs: number;
}

export function loadCliSettings(sources: SettingSources): Loaded<CliSettings> {
  const [interval] = CLI_FIELDS;
  const raw = interval === undefined ? undefined : pick(sources, interval);
  const statusIntervalMs = raw === undefined ? 10_000 : Number(raw);
  if (!Number.isInteger(statusIntervalMs) || statusIntervalMs < 100) {
    return {
      config: undefined,
      problems: [`DANMAKU_STATUS_INTERVAL_MS / --status-interval-ms: expected an integer >= 100`],
    };
  }
  return { config: { statusIntervalMs }, problems: [] };
}

/** The value of one setting by precedence, and where it came from (for `danmaku status`). */
export function originOf(sources: SettingSources, field: Field): SettingOrigin {
  if (sources.flags[field.key] !== undefined) return 'flag';
  if (nonEmpty(sources.env[field.env]) !== undefined) return 'env';
  if (sources.file.values[field.key] !== undefined) return 'file';
  return 'default';
}

function pick(sources: SettingSources, field: Field): unknown {
  return (
    sources.flags[field.key] ?? nonEmpty(sources.env[field.env]) ?? sources.file.values[field.key]
  );
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function asEnvText(value: unknown): string {
  return Array.isArray(value) ? value.map(String).join(',') : String(value);
}

function asList(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}
