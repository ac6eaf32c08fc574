import { startHttpServer, type HealthCheck, type Logger } from '@danmaku/runtime';
import type { WriterConfig } from './config.js';
import type { WriterMetrics } from './metrics.js';

export interface MetricsServer {
  /** The /metrics URL; /healthz and /readyz are beside it. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * The writer's /metrics, /healthz (the process serves requests) and /readyz (`readiness`, see
 * WriterReadiness). Undefined when metricsPort is -1.
 */
export async function startWriterHttp(
  config: WriterConfig,
  metrics: WriterMetrics,
  readiness: readonly HealthCheck[],
  logger: Logger,
): Promise<MetricsServer | undefined> {
  if (config.metricsPort < 0) return undefined;
  const server = await startHttpServer({
    host: config.metricsHost,
    port: config.metricsPort,
    metrics: metrics.registry,
    readiness,
    logger,
  });
  return { url: `${server.url}/metrics`, port: server.port, close: () => server.close() };
}
