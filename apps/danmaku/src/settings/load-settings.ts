import {
  loadCollectorConfig,
  type CollectorConfig,
  type ConfigKey,
} from '@danmaku/collector/settings';
import {
  ConfigError,
  parseSettings,
  resolveValues,
  type Loaded,
  type SettingSources,
} from '@danmaku/runtime/settings';
import {
  parseWriterConfig,
  type WriterConfig,
  type WriterConfigInput,
} from '@danmaku/writer/settings';
import { CLI_FIELDS, collectorFields, writerFields } from './fields.js';

export {
  originOf,
  type Loaded,
  type SettingOrigin,
  type SettingSources,
} from '@danmaku/runtime/settings';

/**
 * Every collector setting by precedence (flags > env > file > defaults) goes in as an override;
 * `pinned` is what the command itself decides (the simulator's endpoint in `run --simulate`).
 */
export function loadCollectorSettings(
  sources: SettingSources,
  pinned: Partial<Record<ConfigKey, unknown>> = {},
): Loaded<CollectorConfig> {
  const values = resolveValues(collectorFields(), sources);
  return loaded(() => loadCollectorConfig({}, [], { ...values, ...pinned }));
}

export function loadWriterSettings(
  sources: SettingSources,
  pinned: Partial<WriterConfigInput> & Pick<WriterConfigInput, 'mode'>,
): Loaded<WriterConfig> {
  const values = resolveValues(writerFields(), sources);
  return loaded(() => parseWriterConfig({ ...values, ...pinned }));
}

export interface CliSettings {
  /** Period of the plain status log line when stdout is no TTY. */
  statusIntervalMs: number;
  /** `danmaku run` on PGlite: where to serve PostgreSQL's wire protocol; undefined: off. */
  sqlPort: { host: string; port: number; maxClients: number } | undefined;
}

export function loadCliSettings(sources: SettingSources): Loaded<CliSettings> {
  const parsed = parseSettings(CLI_FIELDS, resolveValues(CLI_FIELDS, sources));
  if (parsed.config === undefined) return parsed;
  const c = parsed.config;
  const sqlPort =
    c['sqlPort'] === undefined
      ? undefined
      : {
          host: String(c['sqlHost']),
          port: Number(c['sqlPort']),
          maxClients: Number(c['sqlMaxClients']),
        };
  return { config: { statusIntervalMs: Number(c['statusIntervalMs']), sqlPort }, problems: [] };
}

function loaded<T>(load: () => T): Loaded<T> {
  try {
    return { config: load(), problems: [] };
  } catch (error) {
    if (error instanceof ConfigError) return { config: undefined, problems: error.problems };
    throw error;
  }
}
