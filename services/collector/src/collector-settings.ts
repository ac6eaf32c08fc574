import { TOPIC_SETTINGS } from '@danmaku/records';
import {
  brokerList,
  commaList,
  KAFKA_SECURITY_SETTINGS,
  LOG_LEVEL_SETTING,
  type SettingSpecs,
} from '@danmaku/runtime/settings';
import { z } from 'zod';
import { MAX_ROOM_REPLICAS } from './room-replicas.js';

const int = (min: number) => z.coerce.number().int().min(min);
const list = commaList;
const roomId = z.coerce.number().int().positive();

export const DEFAULT_WS_ENDPOINTS = [8501, 8502, 8503, 8504, 8505, 8506].map(
  (port) => `wss://danmuproxy.douyu.com:${port}/`,
);
export const DEFAULT_TCP_ENDPOINTS = ['openbarrage.douyutv.com:8601'];

/**
 * The collector's rows of the settings table (key → env, zod parser, help); the flag is the key in
 * kebab-case (`--kafka-brokers`). Config loading, `--help`, the CLI and the README table read
 * these rows.
 */
export const COLLECTOR_SETTINGS = {
  collectorId: {
    env: 'COLLECTOR_ID',
    schema: z.string().min(1).optional(),
    help: 'id in Kafka headers and logs (default host-pid)',
    shownDefault: '`host-pid`',
  },
  logLevel: LOG_LEVEL_SETTING,
  transport: {
    env: 'DOUYU_TRANSPORT',
    schema: z.enum(['ws', 'tcp']).default('ws'),
    help: 'ws or tcp',
  },
  endpoints: {
    env: 'DOUYU_ENDPOINTS',
    schema: list(z.string().min(1)).optional(),
    help: 'comma list: ws(s) URLs or host:port for tcp',
    shownDefault: '`Douyu (wss://danmuproxy.douyu.com:8501…8506)`',
  },
  heartbeatIntervalMs: {
    env: 'HEARTBEAT_INTERVAL_MS',
    schema: int(100).optional(),
    help: 'mrkl interval (client default when unset)',
  },
  deadAfterMs: {
    env: 'DEAD_AFTER_MS',
    schema: int(100).optional(),
    help: 'silence that means a dead socket (client default when unset)',
  },
  loginTimeoutMs: {
    env: 'LOGIN_TIMEOUT_MS',
    schema: int(100).optional(),
    help: 'loginreq → loginres deadline',
  },
  rooms: {
    env: 'ROOMS',
    schema: list(roomId).default([]),
    help: 'static room ids, held without Redis',
  },
  connectRatePerSec: {
    env: 'CONNECT_RATE_PER_SEC',
    schema: z.coerce.number().positive().default(20),
    help: 'process-wide connects per second',
  },
  reconnectBudgetPerMin: {
    env: 'RECONNECT_BUDGET_PER_MIN',
    schema: int(1).default(900),
    help: 'process-wide reconnects per minute',
  },
  kafkaBrokers: {
    env: 'KAFKA_BROKERS',
    // The writer's row parses the same way but has no default: see writer-settings.ts.
    schema: brokerList().default(['127.0.0.1:9092']),
    help: 'comma list host:port',
  },
  kafkaClientId: {
    env: 'KAFKA_CLIENT_ID',
    schema: z.string().min(1).default('danmaku-collector'),
    help: 'kafkajs client id',
  },
  ...KAFKA_SECURITY_SETTINGS,
  ...TOPIC_SETTINGS,
  batchMaxRecords: {
    env: 'KAFKA_BATCH_MAX_RECORDS',
    schema: int(1).default(2000),
    help: 'records per send',
  },
  batchMaxBytes: {
    env: 'KAFKA_BATCH_MAX_BYTES',
    schema: int(1024).default(524_288),
    help: 'value bytes per send',
  },
  lingerMs: {
    env: 'KAFKA_LINGER_MS',
    schema: int(0).default(20),
    help: 'max age of a record before its batch is sent',
  },
  compression: {
    env: 'KAFKA_COMPRESSION',
    schema: z.enum(['none', 'gzip']).default('none'),
    help: 'none or gzip',
  },
  bufferMaxBytes: {
    env: 'BUFFER_MAX_BYTES',
    schema: int(1024).default(64 * 1024 * 1024),
    help: 'hard cap of buffered value bytes',
  },
  bufferMaxRecords: {
    env: 'BUFFER_MAX_RECORDS',
    schema: int(1).default(200_000),
    help: 'hard cap of buffered records',
  },
  redisUrl: {
    env: 'REDIS_URL',
    schema: z.string().url().optional(),
    help: 'BullMQ Redis; without it only static rooms run',
  },
  queueName: {
    env: 'ROOMS_QUEUE',
    schema: z.string().min(1).default('rooms'),
    help: 'BullMQ queue name',
  },
  queuePrefix: {
    env: 'BULLMQ_PREFIX',
    schema: z.string().min(1).default('bull'),
    help: 'BullMQ key prefix',
  },
  roomReplicas: {
    env: 'ROOM_REPLICAS',
    schema: int(1).max(MAX_ROOM_REPLICAS).default(1),
    help: 'collectors holding each room added or scheduled (`rooms add`, `schedule add`)',
  },
  maxRooms: {
    env: 'MAX_ROOMS',
    schema: int(1).default(2000),
    help: 'most rooms one collector holds (worker concurrency)',
  },
  lockDurationMs: {
    env: 'JOB_LOCK_DURATION_MS',
    // Takeover after kill -9 ≤ lock + stalled interval (7 s) + connect; a room survives an
    // event-loop stall shorter than lock / 2 (2.5 s).
    schema: int(1000).default(5_000),
    help: 'BullMQ lock; renewed at half',
  },
  stalledIntervalMs: {
    env: 'JOB_STALLED_INTERVAL_MS',
    schema: int(500).default(2_000),
    help: 'BullMQ stalled-check period',
  },
  maxStalledCount: {
    env: 'JOB_MAX_STALLED_COUNT',
    schema: int(0).default(1000),
    help: 'stalls (collector deaths) a room job survives',
  },
  stopPollMs: {
    env: 'ROOM_STOP_POLL_MS',
    schema: int(100).default(1_000),
    help: 'how often removal markers are read',
  },
  progressIntervalMs: {
    env: 'JOB_PROGRESS_INTERVAL_MS',
    schema: int(500).default(10_000),
    help: 'job progress (message count) period',
  },
  httpHost: {
    env: 'HTTP_HOST',
    schema: z.string().min(1).default('0.0.0.0'),
    help: '/metrics, /healthz, /readyz address',
  },
  httpPort: {
    env: 'HTTP_PORT',
    schema: int(0).max(65_535).default(9464),
    help: 'HTTP port (0 = any free port)',
  },
  metricsRooms: {
    env: 'METRICS_ROOMS',
    schema: list(roomId).default([]),
    help: 'rooms that get per-room metric labels',
  },
  shutdownTimeoutMs: {
    env: 'SHUTDOWN_TIMEOUT_MS',
    schema: int(100).default(10_000),
    help: 'bound on graceful shutdown',
  },
} as const satisfies SettingSpecs;
