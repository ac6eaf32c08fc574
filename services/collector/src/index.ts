// Public API of @danmaku/collector: what the CLI, the tests and the benchmarks compose. Internals
// (the record buffer, connect scheduling, metrics, room leases) stay behind startCollector.
export { startCollector, type Collector, type CollectorDeps } from './collector.js';
export {
  collectorSettings,
  loadCollectorConfig,
  type CollectorConfig,
  type ConfigKey,
} from './config.js';
export { KafkaSink, type KafkaSinkOptions } from './kafka-sink.js';
// The queue producer (`@danmaku/collector/room-queue`, BullMQ) and the cron check
// (`@danmaku/collector/crawl-pattern`, cron-parser) are subpaths of their own: a process that
// only collects, like an embedded run, then never loads BullMQ or cron-parser.
export type { CrawlSchedule, ListedRoomJob, RoomJobData, RoomQueueOptions } from './room-queue.js';
