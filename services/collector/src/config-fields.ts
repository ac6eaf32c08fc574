import { z } from 'zod';

const int = (min: number) => z.coerce.number().int().min(min);
const list = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter((s) => s !== '')
        : v,
    z.array(item),
  );
const roomId = z.coerce.number().int().positive();

export const DEFAULT_WS_ENDPOINTS = [8501, 8502, 8503, 8504, 8505, 8506].map(
  (port) => `wss://danmuproxy.douyu.com:${port}/`,
);
export const DEFAULT_TCP_ENDPOINTS = ['openbarrage.douyutv.com:8601'];

/** key → [env name, schema, help]. The flag is the key in kebab-case (`--kafka-brokers`). */
export const FIELDS = {
  collectorId: [
    'COLLECTOR_ID',
    z.string().min(1).optional(),
    'id in Kafka headers and logs (default host-pid)',
  ],
  logLevel: [
    'LOG_LEVEL',
    z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
    'log threshold',
  ],
  transport: ['DOUYU_TRANSPORT', z.enum(['ws', 'tcp']).default('ws'), 'ws or tcp'],
  endpoints: [
    'DOUYU_ENDPOINTS',
    list(z.string().min(1)).optional(),
    'comma list: ws(s) URLs or host:port for tcp',
  ],
  heartbeatIntervalMs: [
    'HEARTBEAT_INTERVAL_MS',
    int(100).optional(),
    'mrkl interval (client default when unset)',
  ],
  deadAfterMs: [
    'DEAD_AFTER_MS',
    int(100).optional(),
    'silence that means a dead socket (client default when unset)',
  ],
  loginTimeoutMs: ['LOGIN_TIMEOUT_MS', int(100).optional(), 'loginreq → loginres deadline'],
  rooms: ['ROOMS', list(roomId).default([]), 'static room ids, held without Redis'],
  connectRatePerSec: [
    'CONNECT_RATE_PER_SEC',
    z.coerce.number().positive().default(20),
    'process-wide connects per second',
  ],
  reconnectBudgetPerMin: [
    'RECONNECT_BUDGET_PER_MIN',
    int(1).default(900),
    'process-wide reconnects per minute',
  ],
  kafkaBrokers: [
    'KAFKA_BROKERS',
    list(z.string().min(1)).default(['127.0.0.1:9092']),
    'comma list host:port',
  ],
  kafkaClientId: [
    'KAFKA_CLIENT_ID',
    z.string().min(1).default('danmaku-collector'),
    'kafkajs client id',
  ],
  rawTopic: ['KAFKA_RAW_TOPIC', z.string().min(1).default('douyu.raw.v1'), 'raw bodies topic'],
  sessionsTopic: [
    'KAFKA_SESSIONS_TOPIC',
    z.string().min(1).default('douyu.sessions.v1'),
    'session events topic',
  ],
  batchMaxRecords: ['KAFKA_BATCH_MAX_RECORDS', int(1).default(2000), 'records per send'],
  batchMaxBytes: ['KAFKA_BATCH_MAX_BYTES', int(1024).default(524_288), 'value bytes per send'],
  lingerMs: ['KAFKA_LINGER_MS', int(0).default(20), 'max age of a record before its batch is sent'],
  compression: ['KAFKA_COMPRESSION', z.enum(['none', 'gzip']).default('none'), 'none or gzip'],
  bufferMaxBytes: [
    'BUFFER_MAX_BYTES',
    int(1024).default(64 * 1024 * 1024),
    'hard cap of buffered value bytes',
  ],
  bufferMaxRecords: ['BUFFER_MAX_RECORDS', int(1).default(200_000), 'hard cap of buffered records'],
  redisUrl: [
    'REDIS_URL',
    z.string().url().optional(),
    'BullMQ Redis; without it only static rooms run',
  ],
  queueName: ['ROOMS_QUEUE', z.string().min(1).default('rooms'), 'BullMQ queue name'],
  queuePrefix: ['BULLMQ_PREFIX', z.string().min(1).default('bull'), 'BullMQ key prefix'],
  maxRooms: [
    'MAX_ROOMS',
    int(1).default(2000),
    'most rooms one collector holds (worker concurrency)',
  ],
  lockDurationMs: [
    'JOB_LOCK_DURATION_MS',
    int(1000).default(10_000),
    'BullMQ lock; renewed at half',
  ],
  stalledIntervalMs: [
    'JOB_STALLED_INTERVAL_MS',
    int(500).default(5_000),
    'BullMQ stalled-check period',
  ],
  maxStalledCount: [
    'JOB_MAX_STALLED_COUNT',
    int(0).default(1000),
    'stalls (collector deaths) a room job survives',
  ],
  stopPollMs: ['ROOM_STOP_POLL_MS', int(100).default(1_000), 'how often removal markers are read'],
  progressIntervalMs: [
    'JOB_PROGRESS_INTERVAL_MS',
    int(500).default(10_000),
    'job progress (message count) period',
  ],
  httpHost: [
    'HTTP_HOST',
    z.string().min(1).default('0.0.0.0'),
    '/metrics, /healthz, /readyz address',
  ],
  httpPort: ['HTTP_PORT', int(0).max(65_535).default(9464), 'HTTP port (0 = any free port)'],
  metricsRooms: [
    'METRICS_ROOMS',
    list(roomId).default([]),
    'rooms that get per-room metric labels',
  ],
  shutdownTimeoutMs: [
    'SHUTDOWN_TIMEOUT_MS',
    int(100).default(10_000),
    'bound on graceful shutdown',
  ],
} as const;
