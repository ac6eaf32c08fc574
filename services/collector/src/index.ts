// Public API of @danmaku/collector: what the CLI, the tests and the benchmarks compose. Internals
// (the record buffer, connect scheduling, metrics, room leases) stay behind startCollector.
export { startCollector, type Collector, type CollectorDeps } from './collector.js';
export {
  collectorSettings,
  loadCollectorConfig,
  type CollectorConfig,
  type ConfigKey,
} from './config.js';
export { checkCrawlPattern, type CrawlPatternCheck } from './crawl-pattern.js';
export { KafkaSink, type KafkaSinkOptions } from './kafka-sink.js';
export {
  RoomQueue,
  watchJobId,
  type CrawlSchedule,
  type RoomJobData,
  type RoomQueueOptions,
} from './room-queue.js';
