import type { BackoffOptions, Endpoint, RoomClientOptions, SocketFactory } from '@danmaku/client';
import type { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import type { CollectorConfig } from './config.js';
import { ConnectGate } from './connect-gate.js';
import { ConnectScheduler } from './connect-scheduler.js';
import { createDropReporter } from './drop-reporter.js';
import type { KafkaSink } from './kafka-sink.js';
import {
  createLogger,
  kafkaClientSecurity,
  startHttpServer,
  type Logger,
  type RunningHttpServer,
} from '@danmaku/runtime';
import { createCollectorMetrics, type CollectorMetrics } from './metrics.js';
import type { RecordSink } from '@danmaku/records';
import type { RoomLease } from './room-lease.js';
import { RoomManager } from './room-manager.js';
import type { RoomWorker } from './room-worker.js';
import { runSteps } from './shutdown.js';

export interface CollectorDeps {
  /** Replaces the Kafka sink (the embedded mode passes its in-process queue here). */
  sink?: RecordSink;
  logger?: Logger;
  registry?: Registry;
  /** Replaces the client's default transports (tests, proxies). */
  socketFactory?: SocketFactory;
  /** Extra RoomClient options (timeouts); endpoints and heartbeat come from the config. */
  clientOptions?: Omit<RoomClientOptions, 'reconnectPolicy' | 'endpoints' | 'socketFactory'>;
  backoff?: BackoffOptions;
  /** Skip the HTTP server (embedded mode serves its own). Default true. */
  http?: boolean;
}

export interface Collector {
  readonly config: CollectorConfig;
  readonly metrics: CollectorMetrics;
  readonly rooms: RoomManager;
  readonly sink: RecordSink;
  readonly worker: RoomWorker | undefined;
  readonly http: RunningHttpServer | undefined;
  readonly ready: boolean;
  /** Resolves if the collector cannot go on (Kafka refused its credentials): close, exit 1. */
  readonly failed: Promise<Error>;
  /** Stop taking jobs, log out of rooms, flush the sink; bounded by config.shutdownTimeoutMs. */
  close(): Promise<void>;
}

/** Composition root of one collector process. */
export async function startCollector(
  config: CollectorConfig,
  deps: CollectorDeps = {},
): Promise<Collector> {
  const logger =
    deps.logger ??
    createLogger({ level: config.logLevel }).child({ collector: config.collectorId });
  const metrics = createCollectorMetrics({
    roomAllowlist: config.metricsRooms,
    ...(deps.registry ? { registry: deps.registry } : {}),
  });
  const drops = createDropReporter(metrics, logger);
  const kafkaSink = deps.sink ? undefined : await createKafkaSink(config, metrics, logger, drops);
  const sink: RecordSink = deps.sink ?? (kafkaSink as KafkaSink);
  const failed = new Promise<Error>((resolve) => {
    kafkaSink?.start().catch((error: unknown) => resolve(asError(error)));
  });

  const scheduler = new ConnectScheduler({
    connectRatePerSec: config.connectRatePerSec,
    reconnectRatePerSec: config.reconnectBudgetPerMin / 60,
  });
  const gate = new ConnectGate({
    ratePerSec: config.connectRatePerSec,
    burst: Math.max(1, Math.ceil(config.connectRatePerSec / 20)),
  });
  const rooms = new RoomManager({
    collectorId: config.collectorId,
    sink,
    scheduler,
    gate,
    metrics,
    drops,
    logger,
    clientOptions: {
      ...deps.clientOptions,
      endpoints: config.endpoints.map((e) => toEndpoint(config.transport, e)),
      ...definedOnly({
        heartbeatIntervalMs: config.heartbeatIntervalMs,
        deadAfterMs: config.deadAfterMs,
        loginTimeoutMs: config.loginTimeoutMs,
      }),
    },
    ...(deps.backoff ? { backoff: deps.backoff } : {}),
    ...(deps.socketFactory ? { socketFactory: deps.socketFactory } : {}),
  });
  const staticLeases: RoomLease[] = config.rooms.map((room) => rooms.acquire(room));

  let redis: Redis | undefined;
  let worker: RoomWorker | undefined;
  if (config.redisUrl !== undefined) {
    // Loaded only for rooms from Redis: BullMQ and ioredis are most of an embedded run's start.
    const [{ Redis }, { RoomWorker }] = await Promise.all([
      import('ioredis'),
      import('./room-worker.js'),
    ]);
    redis = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
    redis.on('error', (error) => logger.warn('redis error', { error }));
    worker = new RoomWorker({
      connection: redis,
      rooms,
      collectorId: config.collectorId,
      queueName: config.queueName,
      prefix: config.queuePrefix,
      maxRooms: config.maxRooms,
      lockDurationMs: config.lockDurationMs,
      stalledIntervalMs: config.stalledIntervalMs,
      maxStalledCount: config.maxStalledCount,
      stopPollMs: config.stopPollMs,
      progressIntervalMs: config.progressIntervalMs,
      metrics,
      logger,
    });
    worker.start();
  }

  const readiness = [
    { name: 'sink', ok: () => kafkaSink?.connected ?? true },
    { name: 'queue', ok: () => worker?.ready ?? true },
  ];
  const http =
    deps.http === false
      ? undefined
      : await startHttpServer({
          host: config.httpHost,
          port: config.httpPort,
          metrics: metrics.registry,
          readiness,
          logger,
        });
  logger.info('collector started', {
    rooms: config.rooms.length,
    redis: redis !== undefined,
    http: http?.url,
  });

  let closing: Promise<void> | undefined;
  return {
    config,
    metrics,
    rooms,
    sink,
    worker,
    http,
    failed,
    get ready() {
      return readiness.every((check) => check.ok());
    },
    close() {
      closing ??= runSteps(logger, config.shutdownTimeoutMs, [
        ['stop room jobs', (ms) => worker?.close(ms)],
        ['release static rooms', () => Promise.all(staticLeases.map((lease) => lease.release()))],
        ['log out of rooms', () => rooms.close()],
        ['flush sink', (ms) => (kafkaSink ? kafkaSink.close(ms) : sink.close())],
        ['close redis', () => redis?.quit()],
        ['close http', () => http?.close()],
      ]);
      return closing;
    },
  };
}

/** Loads kafkajs only when records go to Kafka (not in an embedded run). */
async function createKafkaSink(
  config: CollectorConfig,
  metrics: CollectorMetrics,
  logger: Logger,
  drops: ReturnType<typeof createDropReporter>,
): Promise<KafkaSink> {
  const [{ KafkaSink }, { compressionCode, createKafkaProducer }] = await Promise.all([
    import('./kafka-sink.js'),
    import('./kafka-producer.js'),
  ]);
  return new KafkaSink({
    producer: createKafkaProducer({
      brokers: config.kafkaBrokers,
      clientId: config.kafkaClientId,
      logger,
      security: kafkaClientSecurity(config),
    }),
    rawTopic: config.rawTopic,
    sessionsTopic: config.sessionsTopic,
    batchMaxRecords: config.batchMaxRecords,
    batchMaxBytes: config.batchMaxBytes,
    lingerMs: config.lingerMs,
    bufferMaxBytes: config.bufferMaxBytes,
    bufferMaxRecords: config.bufferMaxRecords,
    compression: compressionCode(config.compression),
    metrics,
    logger: logger.child({ component: 'kafka-sink' }),
    drops,
  });
}

export function toEndpoint(transport: 'ws' | 'tcp', value: string): Endpoint {
  if (transport === 'ws') return { transport: 'ws', url: value };
  const colon = value.lastIndexOf(':');
  return { transport: 'tcp', host: value.slice(0, colon), port: Number(value.slice(colon + 1)) };
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** exactOptionalPropertyTypes: leave unset options out instead of passing undefined. */
function definedOnly<T extends Record<string, number | undefined>>(
  values: T,
): Partial<Record<keyof T, number>> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<
    Record<keyof T, number>
  >;
}
