import { startHttpServer, type Logger } from '@danmaku/runtime';
import type { WriterConfig } from './config.js';
import type { WriterMetrics } from './metrics.js';

export interface MetricsServer {
  /** The /metrics URL; /healthz and /readyz are beside it. */
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface WriterHttpState {
  /** The source consumes: set after the writer started, cleared when it stops or gives up. */
  consuming: boolean;
  /** The source itself says it runs (a Kafka consumer waiting for its topics does not). */
  sourceRunning?: () => boolean;
}

/**
 * The writer's /metrics, /healthz (the process serves requests) and /readyz (the database
 * answers a query and the source consumes). Undefined when metricsPort is -1.
 */
export async function startWriterHttp(
  config: WriterConfig,
  metrics: WriterMetrics,
  /** A cheap query; the database is reachable when it resolves. */
  pingDatabase: () => Promise<unknown>,
  state: WriterHttpState,
  logger: Logger,
): Promise<MetricsServer | undefined> {
  if (config.metricsPort < 0) return undefined;
  const server = await startHttpServer({
    host: config.metricsHost,
    port: config.metricsPort,
    metrics: metrics.registry,
    readiness: [
      { name: 'database', ok: () => pingDatabase().then(() => true) },
      { name: 'source', ok: () => state.consuming && (state.sourceRunning?.() ?? true) },
    ],
    logger,
  });
  return { url: `${server.url}/metrics`, port: server.port, close: () => server.close() };
}
