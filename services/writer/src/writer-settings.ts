import { TOPIC_SETTINGS } from '@danmaku/records';
import {
  brokerList,
  KAFKA_SECURITY_SETTINGS,
  LOG_LEVEL_SETTING,
  type SettingSpecs,
} from '@danmaku/runtime/settings';
import { z } from 'zod';
import { DEFAULT_MERGE_WINDOW_MS } from './merge.js';
import { tlsProblem } from './pg-connection.js';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const flag = (fallback: boolean) =>
  z
    .union([
      z.boolean(),
      z
        .enum(['true', 'false', '1', '0', 'yes', 'no'])
        .transform((v) => v === 'true' || v === '1' || v === 'yes'),
    ])
    .default(fallback);

/** The writer's rows of the settings table; the flag is the key in kebab-case. */
export const WRITER_SETTINGS = {
  /** 'kafka': the writer service; 'embedded': fed by the in-process RecordChannel. Set per command. */
  mode: {
    env: 'WRITER_MODE',
    schema: z.enum(['kafka', 'embedded']).default('kafka'),
    help: 'kafka (the service) or embedded (fed in-process)',
  },
  logLevel: LOG_LEVEL_SETTING,
  databaseUrl: {
    env: 'DATABASE_URL',
    schema: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL')
      .superRefine((url, ctx) => {
        const problem = tlsProblem(url);
        if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
      })
      .optional(),
    help: 'PostgreSQL URL; unset = embedded PostgreSQL (PGlite) in the data dir',
  },
  dataDir: {
    env: 'DANMAKU_DATA_DIR',
    schema: z.string().min(1).default('./data'),
    help: 'embedded PostgreSQL (PGlite) data directory',
  },
  kafkaBrokers: {
    env: 'KAFKA_BROKERS',
    // The collector's parser; no default here: a deployed writer without brokers is a missing
    // setting, not a local demo. Required in kafka mode (config.ts).
    schema: brokerList().default([]),
    help: 'comma list host:port',
    shownDefault: 'required',
  },
  ...KAFKA_SECURITY_SETTINGS,
  ...TOPIC_SETTINGS,
  groupId: {
    env: 'WRITER_GROUP_ID',
    schema: z.string().min(1).default('danmaku-writer'),
    help: 'Kafka consumer group; offsets are stored per group in PostgreSQL',
  },
  clientId: {
    env: 'WRITER_CLIENT_ID',
    schema: z.string().min(1).default('danmaku-writer'),
    help: 'kafkajs client id of the writer',
  },
  maxBatchRecords: {
    env: 'WRITER_MAX_BATCH_RECORDS',
    schema: positiveInt(5000).pipe(z.number().max(50_000)),
    help: 'most records per transaction',
  },
  maxWaitMs: {
    env: 'WRITER_MAX_WAIT_MS',
    schema: positiveInt(250),
    help: 'how long a batch waits to fill',
  },
  fetchMaxBytesPerPartition: {
    env: 'WRITER_FETCH_MAX_BYTES_PER_PARTITION',
    schema: positiveInt(2 * 1024 * 1024),
    help: 'Kafka fetch size per partition',
  },
  partitionsConsumedConcurrently: {
    env: 'WRITER_PARTITIONS_CONCURRENTLY',
    schema: positiveInt(2).pipe(z.number().max(64)),
    help: 'partitions written in parallel',
  },
  kafkaSessionTimeoutMs: {
    env: 'WRITER_KAFKA_SESSION_TIMEOUT_MS',
    schema: positiveInt(8_000).pipe(z.number().min(6000)),
    help: 'how long a dead writer holds its partitions',
  },
  kafkaRebalanceTimeoutMs: {
    env: 'WRITER_KAFKA_REBALANCE_TIMEOUT_MS',
    schema: positiveInt(60_000).pipe(z.number().min(6000)),
    help: 'how long a rebalance waits for members to rejoin',
  },
  dbPoolSize: {
    env: 'WRITER_DB_POOL_SIZE',
    schema: positiveInt(4).pipe(z.number().max(100)),
    help: 'PostgreSQL connections',
  },
  dbRetryInitialMs: {
    env: 'WRITER_DB_RETRY_INITIAL_MS',
    schema: positiveInt(250),
    help: 'first retry delay of a failed transaction',
  },
  dbRetryMaxMs: {
    env: 'WRITER_DB_RETRY_MAX_MS',
    schema: positiveInt(15_000),
    help: 'largest retry delay',
  },
  flushTimeoutMs: {
    env: 'WRITER_FLUSH_TIMEOUT_MS',
    schema: z.coerce.number().int().min(0).max(600_000).default(10_000),
    help: 'Ctrl-C/SIGTERM: how long to flush before reporting what was not written',
  },
  insertMethod: {
    env: 'WRITER_INSERT_METHOD',
    schema: z.enum(['copy', 'unnest']).default('copy'),
    help: 'copy (COPY into stage tables) or unnest; PGlite always uses unnest',
  },
  mergeWindowMs: {
    env: 'WRITER_MERGE_WINDOW_MS',
    schema: z.coerce.number().int().min(0).max(60_000).default(DEFAULT_MERGE_WINDOW_MS),
    help: 'non-chat: same body in one room within this: stored once (two collectors); 0 off',
  },
  partitionsAheadDays: {
    env: 'WRITER_PARTITIONS_AHEAD_DAYS',
    schema: z.coerce.number().int().min(0).max(60).default(2),
    help: 'daily table partitions created ahead',
  },
  retentionDays: {
    env: 'WRITER_RETENTION_DAYS',
    schema: z.coerce.number().int().min(1).max(36_500).optional(),
    help: 'drop daily partitions older than N days, hourly (unset = keep everything)',
  },
  migrate: {
    env: 'WRITER_MIGRATE',
    schema: flag(true),
    help: 'apply migrations at start (true/false)',
  },
  metricsPort: {
    env: 'WRITER_METRICS_PORT',
    schema: z.coerce.number().int().min(-1).max(65535).default(9465),
    help: 'writer /metrics, /healthz, /readyz port (-1 = off, 0 = any free port)',
  },
  lagIntervalMs: {
    env: 'WRITER_LAG_INTERVAL_MS',
    schema: positiveInt(10_000).pipe(z.number().min(100)),
    help: 'how often consumer lag is measured from the Kafka high watermarks',
  },
  metricsHost: {
    env: 'WRITER_METRICS_HOST',
    schema: z.string().min(1).default('0.0.0.0'),
    help: 'writer /metrics, /healthz, /readyz address',
  },
  queueCapacity: {
    env: 'WRITER_QUEUE_CAPACITY',
    schema: positiveInt(50_000),
    help: 'embedded mode: records the in-process queue holds',
  },
} as const satisfies SettingSpecs;
