import type { RecordSource } from '@danmaku/records';
import { createLogger, kafkaClientSecurity, kafkaLogCreator, type Logger } from '@danmaku/runtime';
import type { Registry } from 'prom-client';
import type { WriterConfig } from './config.js';
import { openDatabase, readStoredOffsets } from './database.js';
import type { Database } from './database.js';
import { createWriterMetrics } from './metrics.js';
import type { WriterMetrics } from './metrics.js';
import { LagPoller } from './lag-poller.js';
import { startRetention } from './retention.js';
import type { KafkaSource } from './sources/kafka-source.js';
import type { StopReport } from './stop-report.js';
import { Writer } from './writer.js';
import { startWriterHttp, type MetricsServer } from './writer-http.js';
import { WriterReadiness } from './writer-readiness.js';

export interface StartWriterOptions {
  config: WriterConfig;
  /** Embedded mode: read this in-process source (a RecordChannel) instead of Kafka. */
  source?: RecordSource;
  /** An already open database (e.g. shared with the CLI); otherwise opened from config. */
  database?: Database;
  /** Share one registry per process; the writer registers its metrics on it. */
  registry?: Registry;
  logger?: Logger;
  /** The Kafka consumer stopped for good. Default: log, stop, and exit the process with code 1. */
  onFatal?: (error: Error) => void;
}

export interface RunningWriter {
  writer: Writer;
  database: Database;
  metrics: WriterMetrics;
  metricsServer: MetricsServer | undefined;
  /**
   * Shutdown: flush what the source holds for up to WRITER_FLUSH_TIMEOUT_MS, stop consuming,
   * close everything; the report says what was not written.
   */
  stop(): Promise<StopReport>;
}

/** Composes database, migrations, metrics endpoint, source and Writer, and starts consuming. */
export async function startWriter(options: StartWriterOptions): Promise<RunningWriter> {
  const { config } = options;
  if (config.mode === 'embedded' && options.source === undefined) {
    throw new Error('startWriter: embedded mode reads a RecordChannel; pass `source`');
  }
  const logger =
    options.logger ?? createLogger({ level: config.logLevel, fields: { name: 'writer' } });
  const database =
    options.database ??
    (await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      poolSize: config.dbPoolSize,
    }));
  if (config.migrate) {
    const { applied, total } = await database.migrate();
    logger.info('migrations', { applied, total });
  }
  const metrics = createWriterMetrics(options.registry);
  const readiness = new WriterReadiness({ ping: () => database.client.query('select 1'), logger });
  const metricsServer = await startWriterHttp(config, metrics, readiness.checks(), logger);
  if (metricsServer !== undefined) readiness.start();
  const started: { writer?: RunningWriter } = {};
  const fatal =
    options.onFatal ??
    ((error: Error) => {
      logger.error('writer cannot continue', { error: error.message });
      void (started.writer?.stop() ?? Promise.resolve()).finally(() => process.exit(1));
    });
  const onFatal = (error: Error): void => {
    readiness.consuming = false;
    fatal(error);
  };
  let source = options.source;
  let lag: LagPoller | undefined;
  if (source === undefined) {
    const kafkaSource = await createKafkaSource(config, database, logger, onFatal, metrics);
    readiness.sourceRunning = () => kafkaSource.isRunning();
    readiness.groupMember = () => kafkaSource.isGroupMember();
    // Measured for /metrics; a writer serving none (replay) has no use for it.
    if (metricsServer !== undefined) lag = lagPoller(config, kafkaSource, metrics, logger);
    source = kafkaSource;
  }
  const writer = new Writer({
    db: database.client,
    source,
    groupId: config.groupId,
    rawTopic: config.rawTopic,
    sessionsTopic: config.sessionsTopic,
    metrics,
    logger,
    retry: { initialDelayMs: config.dbRetryInitialMs, maxDelayMs: config.dbRetryMaxMs },
    partitionsAheadDays: config.partitionsAheadDays,
    insertMethod: config.insertMethod,
    // An in-process source is fed by the one collector of this process, which joins a room once:
    // no copies to merge, so the merge query is skipped (content_hash is still stored, so a later
    // replay from Kafka into this database merges against these rows).
    mergeWindowMs: options.source === undefined ? config.mergeWindowMs : 0,
  });
  readiness.failingBatches = () => writer.failingBatches;
  await writer.start();
  readiness.consuming = true;
  lag?.start();
  const retention =
    config.retentionDays === undefined
      ? undefined
      : startRetention({
          db: database.client,
          retentionDays: config.retentionDays,
          partitionsDropped: metrics.partitionsDropped,
          logger,
        });
  logger.info('writer started', {
    mode: config.mode,
    groupId: config.groupId,
    metrics: metricsServer?.url,
  });
  let stopped: Promise<StopReport> | undefined;
  const running: RunningWriter = {
    writer,
    database,
    metrics,
    metricsServer,
    stop() {
      stopped ??= (async () => {
        await readiness.stop();
        await lag?.stop();
        await retention?.stop();
        const report = await writer.stop(config.flushTimeoutMs);
        await metricsServer?.close();
        if (options.database === undefined) await database.client.close();
        if (report.unwritten === 0) logger.info('writer stopped');
        else logger.error('writer stopped with records not written', { ...report });
        return report;
      })();
      return stopped;
    },
  };
  started.writer = running;
  return running;
}

/** The lag gauge from the high watermarks, on its own timer (WRITER_LAG_INTERVAL_MS). */
function lagPoller(
  config: WriterConfig,
  source: KafkaSource,
  metrics: WriterMetrics,
  logger: Logger,
): LagPoller {
  return new LagPoller({
    admin: source.createAdmin(),
    groupId: config.groupId,
    topics: [config.rawTopic, config.sessionsTopic],
    intervalMs: config.lagIntervalMs,
    gauge: metrics.consumerLag,
    logger,
  });
}

/** Loads kafkajs only in Kafka mode: an embedded writer reads an in-process channel. */
async function createKafkaSource(
  config: WriterConfig,
  database: Database,
  logger: Logger,
  onFatal: (error: Error) => void,
  metrics: WriterMetrics,
): Promise<KafkaSource> {
  const [{ Kafka, logLevel }, { KafkaSource }] = await Promise.all([
    import('kafkajs'),
    import('./sources/kafka-source.js'),
  ]);
  const readOffsets = (topic: string) => readStoredOffsets(database.client, config.groupId, topic);
  process.env['KAFKAJS_NO_PARTITIONER_WARNING'] ??= '1';
  const kafka = new Kafka({
    clientId: config.clientId,
    brokers: config.kafkaBrokers,
    ...kafkaClientSecurity(config),
    logLevel: logLevel.WARN,
    logCreator: kafkaLogCreator(logger.child({ component: 'kafkajs' })),
  });
  return new KafkaSource({
    kafka,
    groupId: config.groupId,
    topics: { raw: config.rawTopic, sessions: config.sessionsTopic },
    readOffsets,
    logger,
    maxBatchRecords: config.maxBatchRecords,
    maxWaitTimeMs: config.maxWaitMs,
    maxBytesPerPartition: config.fetchMaxBytesPerPartition,
    partitionsConsumedConcurrently: config.partitionsConsumedConcurrently,
    sessionTimeoutMs: config.kafkaSessionTimeoutMs,
    rebalanceTimeoutMs: config.kafkaRebalanceTimeoutMs,
    onFatal,
    onExpired: (topic, partition, missing) => {
      metrics.recordsExpired.inc({ topic }, Number(missing));
      logger.error('records expired from Kafka before they were written', {
        topic,
        partition,
        missing: missing.toString(),
      });
    },
  });
}
