// The settings subpaths: the packages' entry points would load Kafka, BullMQ and PGlite.
import { collectorSettings } from '@danmaku/collector/settings';
import { KAFKA_SECURITY_SETTINGS, settingRows, type Setting } from '@danmaku/runtime/settings';
import { writerSettings } from '@danmaku/writer/settings';
import { z } from 'zod';

/** One row of the settings table (key, flag, env, default, help, parser, users). */
export type Field = Setting;

export function collectorFields(): Setting[] {
  return collectorSettings;
}

/** The writer's rows; `mode` is not among them: each command sets it. */
export function writerFields(): Setting[] {
  return writerSettings.filter((row) => row.key !== 'mode');
}

/** Settings of the CLI itself. */
export const CLI_FIELDS: readonly Setting[] = settingRows(
  {
    statusIntervalMs: {
      env: 'DANMAKU_STATUS_INTERVAL_MS',
      schema: z.coerce.number().int().min(100).default(10_000),
      help: 'danmaku run without a TTY: period of the status log line',
    },
    sqlPort: {
      env: 'DANMAKU_SQL_PORT',
      schema: z.coerce.number().int().min(0).max(65_535).optional(),
      help: 'danmaku run on PGlite: serve SQL on this port (0 = any free); off when unset',
    },
    sqlHost: {
      env: 'DANMAKU_SQL_HOST',
      schema: z.string().min(1).default('127.0.0.1'),
      help: 'address of the SQL port (no password is asked)',
    },
    sqlMaxClients: {
      env: 'DANMAKU_SQL_MAX_CLIENTS',
      schema: z.coerce.number().int().min(1).max(100).default(8),
      help: 'SQL port: clients at a time (served in turn)',
    },
  },
  ['run'],
);

/** Every setting a config file may hold, by key; collector and writer share a few keys. */
export function allFields(): Map<string, Setting> {
  const fields = new Map<string, Setting>();
  for (const field of [...collectorFields(), ...writerFields(), ...CLI_FIELDS]) {
    if (!fields.has(field.key)) fields.set(field.key, field);
  }
  return fields;
}

const DATABASE_KEYS = ['databaseUrl', 'dataDir'];
const QUEUE_KEYS = ['redisUrl', 'queueName', 'queuePrefix', 'roomReplicas'];

/**
 * Which settings each command takes as flags, in `--help` order (`collector` and `writer` take
 * all of their service's). A command still reads every other setting of its services from env
 * and the config file.
 */
const COMMAND_KEYS = {
  run: [
    ...DATABASE_KEYS,
    ...[
      'transport',
      'endpoints',
      'httpHost',
      'httpPort',
      'logLevel',
      'queueCapacity',
      'flushTimeoutMs',
    ],
    ...['statusIntervalMs', 'sqlPort', 'sqlHost', 'sqlMaxClients'],
  ],
  status: [
    ...DATABASE_KEYS,
    ...['kafkaBrokers', 'rawTopic', 'sessionsTopic', 'groupId', 'redisUrl', 'queueName'],
    'roomReplicas',
    ...Object.keys(KAFKA_SECURITY_SETTINGS),
    ...['rooms', 'httpPort', 'metricsPort'],
  ],
  migrate: DATABASE_KEYS,
  sql: DATABASE_KEYS,
  describe: DATABASE_KEYS,
  search: DATABASE_KEYS,
  export: DATABASE_KEYS,
  gifts: DATABASE_KEYS,
  erase: DATABASE_KEYS,
  rooms: QUEUE_KEYS,
  schedule: QUEUE_KEYS,
} as const satisfies Record<string, readonly string[]>;

export function fieldsFor(command: keyof typeof COMMAND_KEYS): Setting[] {
  const all = allFields();
  return COMMAND_KEYS[command].flatMap((key) => all.get(key) ?? []);
}
