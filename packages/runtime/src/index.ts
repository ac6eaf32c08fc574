// Public API of @danmaku/runtime: what every service and the CLI share at run time.
// `@danmaku/runtime/backoff` is the same backoff without the rest (the client loads only that).
export { ConfigError } from './config-error.js';
export {
  createLogger,
  silentLogger,
  LOG_LEVELS,
  type Logger,
  type LoggerOptions,
  type LogFields,
  type LogLevel,
} from './logger.js';
export { kafkaLogCreator, type KafkaLogEntry, type KafkaLogOptions } from './kafka-log-creator.js';
export {
  startHttpServer,
  type HealthCheck,
  type HttpServerOptions,
  type MetricsSource,
  type RunningHttpServer,
} from './http-server.js';
export { buildInfo, type BuildInfo } from './build-info.js';
export { processMetrics } from './process-metrics.js';
export { backoffDelayMs, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.js';
// The settings table and its helpers, as `@danmaku/runtime/settings` exports them.
export * from './settings/index.js';
