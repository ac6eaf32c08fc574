import { describeCollectorConfig } from '@danmaku/collector';
import { writerEnvNames, type WriterConfig } from '@danmaku/writer';

/** One setting: camelCase key (config file), `--flag`, environment variable, help text. */
export interface Field {
  key: string;
  flag: string;
  env: string;
  help: string;
}

/**
 * The collector exports its settings only as help lines (`  --flag  ENV  help`); this reads them
 * back so that the CLI has one table of every setting for flags, env names and the config file.
 */
export function collectorFields(): Field[] {
  return describeCollectorConfig().map((line) => {
    const match = /^\s*--(\S+)\s+(\S+)\s+(.*)$/.exec(line);
    if (match === null) throw new Error(`unexpected collector config line: ${line}`);
    const [, flag = '', env = '', help = ''] = match;
    return { key: toCamel(flag), flag, env, help: help.trim() };
  });
}

/** The writer's own help text; env names come from writerEnvNames. `mode` is set per command. */
const WRITER_HELP: Partial<Record<keyof WriterConfig, string>> = {
  databaseUrl: 'PostgreSQL URL; unset = embedded PostgreSQL (PGlite) in the data dir',
  dataDir: 'embedded PostgreSQL (PGlite) data directory',
  kafkaBrokers: 'comma list host:port',
  rawTopic: 'raw bodies topic',
  sessionsTopic: 'session events topic',
  groupId: 'Kafka consumer group; offsets are stored per group in PostgreSQL',
  clientId: 'kafkajs client id of the writer',
  maxBatchRecords: 'most records per transaction',
  maxWaitMs: 'how long a batch waits to fill',
  fetchMaxBytesPerPartition: 'Kafka fetch size per partition',
  partitionsConsumedConcurrently: 'partitions written in parallel',
  kafkaSessionTimeoutMs: 'how long a dead writer holds its partitions',
  kafkaRebalanceTimeoutMs: 'how long a rebalance waits for members to rejoin',
  dbPoolSize: 'PostgreSQL connections',
  dbRetryInitialMs: 'first retry delay of a failed transaction',
  dbRetryMaxMs: 'largest retry delay',
  partitionsAheadDays: 'daily table partitions created ahead',
  migrate: 'apply migrations at start (true/false)',
  metricsPort: 'writer /metrics port (-1 = off, 0 = any free port)',
  metricsHost: 'writer /metrics address',
  queueCapacity: 'embedded mode: records the in-process queue holds',
};

export function writerFields(): Field[] {
  return Object.entries(writerEnvNames)
    .filter(([key]) => key !== 'mode')
    .map(([key, env]) => ({
      key,
      flag: toKebab(key),
      env,
      help: WRITER_HELP[key as keyof WriterConfig] ?? `writer setting ${key}`,
    }));
}

/** Settings of the CLI itself. */
export const CLI_FIELDS: readonly Field[] = [
  {
    key: 'statusIntervalMs',
    flag: 'status-interval-ms',
    env: 'DANMAKU_STATUS_INTERVAL_MS',
    help: 'danmaku run without a TTY: period of the status log line',
  },
];

/** Every setting a config file may hold, by key; collector and writer share a few keys. */
export function allFields(): Map<string, Field> {
  const fields = new Map<string, Field>();
  for (const field of [...collectorFields(), ...writerFields(), ...CLI_FIELDS]) {
    if (!fields.has(field.key)) fields.set(field.key, field);
  }
  return fields;
}

export function toKebab(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

export function toCamel(flag: string): string {
  return flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}
