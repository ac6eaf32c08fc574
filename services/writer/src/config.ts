import { ConfigError } from '@danmaku/runtime';
import { z } from 'zod';

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
const broker = z.string().regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, 'expected host:port');

/** Writer settings; every field has an environment variable (see writerEnvNames). */
export const writerConfigSchema = z
  .object({
    /** 'kafka': the writer service; 'embedded': fed by an in-process IngestQueue. */
    mode: z.enum(['kafka', 'embedded']).default('kafka'),
    /** PostgreSQL URL; when absent the writer uses embedded PostgreSQL (PGlite) in dataDir. */
    databaseUrl: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL')
      .optional(),
    dataDir: z.string().min(1).default('./data'),
    kafkaBrokers: z.array(broker).default([]),
    rawTopic: z.string().min(1).default('douyu.raw.v1'),
    sessionsTopic: z.string().min(1).default('douyu.sessions.v1'),
    groupId: z.string().min(1).default('danmaku-writer'),
    clientId: z.string().min(1).default('danmaku-writer'),
    maxBatchRecords: positiveInt(5000).pipe(z.number().max(50_000)),
    maxWaitMs: positiveInt(250),
    fetchMaxBytesPerPartition: positiveInt(2 * 1024 * 1024),
    partitionsConsumedConcurrently: positiveInt(2).pipe(z.number().max(64)),
    /** Kafka group session timeout: how long a dead writer holds its partitions. */
    kafkaSessionTimeoutMs: positiveInt(30_000).pipe(z.number().min(6000)),
    /** How long a rebalance waits for members to rejoin (a killed member holds it up to this). */
    kafkaRebalanceTimeoutMs: positiveInt(60_000).pipe(z.number().min(6000)),
    dbPoolSize: positiveInt(4).pipe(z.number().max(100)),
    dbRetryInitialMs: positiveInt(250),
    dbRetryMaxMs: positiveInt(15_000),
    /** COPY into stage tables then INSERT … SELECT, or UNNEST arrays (PGlite always uses UNNEST). */
    insertMethod: z.enum(['copy', 'unnest']).default('copy'),
    partitionsAheadDays: z.coerce.number().int().min(0).max(60).default(2),
    migrate: flag(true),
    /** -1 disables the /metrics endpoint; 0 picks a free port. */
    metricsPort: z.coerce.number().int().min(-1).max(65535).default(9465),
    metricsHost: z.string().min(1).default('0.0.0.0'),
    queueCapacity: positiveInt(50_000),
  })
  .superRefine((c, ctx) => {
    if (c.mode === 'kafka' && c.kafkaBrokers.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['kafkaBrokers'],
        message: 'KAFKA_BROKERS is required in kafka mode',
      });
    }
    if (c.dbRetryMaxMs < c.dbRetryInitialMs) {
      ctx.addIssue({
        code: 'custom',
        path: ['dbRetryMaxMs'],
        message: 'must be >= dbRetryInitialMs',
      });
    }
  });

export type WriterConfig = z.output<typeof writerConfigSchema>;
export type WriterConfigInput = z.input<typeof writerConfigSchema>;

/** Environment variable of each setting. */
export const writerEnvNames = {
  mode: 'WRITER_MODE',
  databaseUrl: 'DATABASE_URL',
  dataDir: 'DANMAKU_DATA_DIR',
  kafkaBrokers: 'KAFKA_BROKERS',
  rawTopic: 'KAFKA_RAW_TOPIC',
  sessionsTopic: 'KAFKA_SESSIONS_TOPIC',
  groupId: 'WRITER_GROUP_ID',
  clientId: 'WRITER_CLIENT_ID',
  maxBatchRecords: 'WRITER_MAX_BATCH_RECORDS',
  maxWaitMs: 'WRITER_MAX_WAIT_MS',
  fetchMaxBytesPerPartition: 'WRITER_FETCH_MAX_BYTES_PER_PARTITION',
  partitionsConsumedConcurrently: 'WRITER_PARTITIONS_CONCURRENTLY',
  kafkaSessionTimeoutMs: 'WRITER_KAFKA_SESSION_TIMEOUT_MS',
  kafkaRebalanceTimeoutMs: 'WRITER_KAFKA_REBALANCE_TIMEOUT_MS',
  dbPoolSize: 'WRITER_DB_POOL_SIZE',
  dbRetryInitialMs: 'WRITER_DB_RETRY_INITIAL_MS',
  dbRetryMaxMs: 'WRITER_DB_RETRY_MAX_MS',
  insertMethod: 'WRITER_INSERT_METHOD',
  partitionsAheadDays: 'WRITER_PARTITIONS_AHEAD_DAYS',
  migrate: 'WRITER_MIGRATE',
  metricsPort: 'WRITER_METRICS_PORT',
  metricsHost: 'WRITER_METRICS_HOST',
  queueCapacity: 'WRITER_QUEUE_CAPACITY',
} as const satisfies Record<keyof WriterConfig, string>;

/** Validates a config object; throws ConfigError listing every problem at once. */
export function parseWriterConfig(input: WriterConfigInput): WriterConfig {
  const result = writerConfigSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const key = issue.path[0] as keyof WriterConfig | undefined;
    const name =
      key !== undefined && key in writerEnvNames ? `${writerEnvNames[key]} (${key})` : 'config';
    return `${name}: ${issue.message}`;
  });
  // zod skips refinements when a field fails; this one must still be reported with the rest.
  const brokers = input.kafkaBrokers;
  if ((input.mode ?? 'kafka') === 'kafka' && (brokers === undefined || brokers.length === 0)) {
    if (!problems.some((p) => p.startsWith('KAFKA_BROKERS'))) {
      problems.push('KAFKA_BROKERS (kafkaBrokers): KAFKA_BROKERS is required in kafka mode');
    }
  }
  throw new ConfigError(problems, 'writer');
}

/** Reads the writer settings from environment variables (unset or empty = default). */
export function writerConfigFromEnv(env: NodeJS.ProcessEnv = process.env): WriterConfig {
  const input: Record<string, unknown> = {};
  for (const [key, name] of Object.entries(writerEnvNames)) {
    const value = env[name];
    if (value === undefined || value.trim() === '') continue;
    input[key] = key === 'kafkaBrokers' ? value.split(',').map((b) => b.trim()) : value.trim();
  }
  return parseWriterConfig(input);
}
