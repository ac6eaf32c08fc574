import { startCollector, type Collector, type CollectorConfig } from '@danmaku/collector';
import { RecordChannel } from '@danmaku/records';
import { startSimulator, type Simulator } from '@danmaku/simulator';
import {
  describeUnwritten,
  startWriter,
  type RunningWriter,
  type StopReport,
  type WriterConfig,
} from '@danmaku/writer';
import type { CliLogger } from '../cli-logger.js';
import { lockDataDir, writeSqlPortFile, type DataDirLock } from '../data-dir-lock.js';
import { openWriterDatabase } from '../pglite-template.js';
import type { SqlPortOptions, SqlPortServer } from './sql-port-server.js';
import type { EmbeddedStats } from './status-line.js';

export interface SimulateOptions {
  rooms: readonly number[];
  /** Mean messages per second per room; the simulator's default when unset. */
  messagesPerSecond?: number | undefined;
  seed: number;
}

export interface EmbeddedRunOptions {
  collector: CollectorConfig;
  writer: WriterConfig;
  /** Start the built-in Douyu simulator and collect from it instead of Douyu. */
  simulate?: SimulateOptions | undefined;
  /** Serve /metrics of both components (one registry) on the collector's HTTP port. */
  http: boolean;
  logger: CliLogger;
  /** For the PGlite template's cache directory. */
  env: Record<string, string | undefined>;
  /** Serve PostgreSQL's wire protocol onto the run's PGlite (embedded database only). */
  sqlPort?: SqlPortOptions | undefined;
}

export interface EmbeddedRun {
  readonly simulatorUrl: string | undefined;
  readonly metricsUrl: string | undefined;
  readonly collector: Collector;
  /** Resolves once the database is open and migrated and the writer consumes the channel. */
  readonly ready: Promise<RunningWriter>;
  /** Where SQL clients connect (`--sql-port`), once `ready` resolved. */
  readonly sqlUrl: string | undefined;
  stats(): Promise<EmbeddedStats>;
  /**
   * Stops reading rooms, flushes the channel into the database for up to the flush timeout,
   * closes everything.
   */
  close(): Promise<EmbeddedStop>;
}

export interface EmbeddedStop extends EmbeddedStats {
  report: StopReport;
  /** Why messages were not written and how many, or undefined when nothing was left behind. */
  unwritten: string | undefined;
}

/**
 * Collector and writer in one process, joined by one bounded RecordChannel where Kafka would be:
 * the collector's sink and the writer's source. The database opens (PGlite's first start takes
 * seconds) while the simulator and the collector start, and the channel holds what arrives until
 * the writer runs.
 */
export async function startEmbedded(options: EmbeddedRunOptions): Promise<EmbeddedRun> {
  const { logger } = options;
  const cleanup: Cleanup = [];
  const undo = async () => {
    for (const step of cleanup.reverse()) await Promise.resolve(step()).catch(() => undefined);
  };
  try {
    const local = options.writer.databaseUrl === undefined;
    const lock: DataDirLock | undefined = local ? lockDataDir(options.writer.dataDir) : undefined;
    cleanup.push(() => lock?.release());
    const opened = openWriterDatabase(options.writer, options.env);
    const opening = opened.then((db) => {
      logger.info('database open', { origin: db.origin });
      return db.database;
    });
    cleanup.push(() => opening.then((db) => db.client.close()));
    let sql: SqlPortServer | undefined;
    let forgetSqlPort: (() => void) | undefined;
    const { simulator, collector, channel } = await startCollecting(options, cleanup);
    const ready = opening.then(async (database) => {
      const running = await startWriter({
        config: { ...options.writer, mode: 'embedded', metricsPort: -1 },
        source: channel,
        database,
        registry: collector.metrics.registry,
        logger: logger.child({ component: 'writer' }),
      });
      const { lite } = await opened;
      if (options.sqlPort !== undefined && lite !== undefined) {
        // pglite-socket loads only with --sql-port.
        const { startSqlPort } = await import('./sql-port-server.js');
        try {
          sql = await startSqlPort(lite, options.sqlPort);
        } catch (error) {
          await running.stop();
          throw error;
        }
        forgetSqlPort = writeSqlPortFile(options.writer.dataDir, sql.url);
        logger.info('serving SQL', { url: sql.url, maxClients: options.sqlPort.maxClients });
      }
      return running;
    });
    ready.catch(() => undefined);
    let writer: RunningWriter | undefined;
    // A database that never starts is reported through `ready` (supervise); this derived promise
    // must not reject unhandled too, or the process dies with a stack trace after the message.
    void ready.then(
      (w) => (writer = w),
      () => undefined,
    );
    const stats = async (): Promise<EmbeddedStats> => ({
      roomsHeld: collector.rooms.size,
      roomsConnected: collector.rooms.joined,
      messages: channel.accepted,
      rowsWritten: writer === undefined ? 0 : await rowsWritten(writer),
      queueDepth: channel.size,
      lastError: logger.lastError,
    });
    let closing: Promise<EmbeddedStop> | undefined;
    return {
      simulatorUrl: simulator?.wsUrl(),
      metricsUrl: collector.http === undefined ? undefined : `${collector.http.url}/metrics`,
      get sqlUrl() {
        return sql?.url;
      },
      collector,
      ready,
      stats,
      close() {
        closing ??= (async () => {
          await collector.close();
          const running = await ready.catch(() => undefined);
          // SQL clients first: one left inside a transaction would hold back the final flush.
          forgetSqlPort?.();
          await sql?.close();
          const report: StopReport = (await running?.stop()) ?? {
            unwritten: channel.unwritten,
            lost: true,
            lastError: undefined,
            flushTimeoutMs: options.writer.flushTimeoutMs,
          };
          const final = await stats();
          await (await opening.catch(() => undefined))?.client.close();
          await simulator?.close();
          lock?.release();
          return { ...final, report, unwritten: describeUnwritten(report, 'messages') };
        })();
        return closing;
      },
    };
  } catch (error) {
    await undo();
    throw error;
  }
}

type Cleanup = Array<() => unknown>;

/** Simulator (with --simulate) and collector, feeding a new bounded channel. */
async function startCollecting(options: EmbeddedRunOptions, cleanup: Cleanup) {
  const { logger } = options;
  let simulator: Simulator | undefined;
  let collectorConfig = options.collector;
  if (options.simulate !== undefined) {
    simulator = await startEmbeddedSimulator(options.simulate);
    cleanup.push(() => simulator?.close());
    collectorConfig = { ...collectorConfig, transport: 'ws', endpoints: [simulator.wsUrl()] };
    logger.info('simulator started', { url: simulator.wsUrl(), seed: simulator.seed });
  }
  const { writer } = options;
  const channel = new RecordChannel({
    capacity: writer.queueCapacity,
    topics: { raw: writer.rawTopic, sessions: writer.sessionsTopic },
    maxBatchRecords: writer.maxBatchRecords,
    lingerMs: writer.maxWaitMs,
    drainTimeoutMs: writer.flushTimeoutMs,
  });
  const collector = await startCollector(collectorConfig, {
    sink: channel,
    logger: logger.child({ component: 'collector' }),
    http: options.http,
  });
  cleanup.push(() => collector.close());
  return { simulator, collector, channel };
}

async function rowsWritten(writer: RunningWriter): Promise<number> {
  const metric = await writer.metrics.rowsWritten.get();
  return metric.values.reduce((sum, value) => sum + value.value, 0);
}

function startEmbeddedSimulator(options: SimulateOptions): Promise<Simulator> {
  return startSimulator({
    seed: options.seed,
    rooms: options.rooms,
    listen: { ws: [0], tcp: [] },
    ...(options.messagesPerSecond === undefined
      ? {}
      : { traffic: { messagesPerSecond: options.messagesPerSecond } }),
  });
}
