export { startCollector, toEndpoint, type Collector, type CollectorDeps } from './collector';
export { runCollectorProcess, type RunCollectorOptions } from './run-collector';
export {
  collectorSettings,
  describeCollectorConfig,
  loadCollectorConfig,
  type CollectorConfig,
  type ConfigKey,
} from './config';
export {
  RecordBuffer,
  RECORD_OVERHEAD_BYTES,
  type Batch,
  type RecordBufferOptions,
} from './record-buffer';
export {
  KafkaSink,
  type KafkaSinkOptions,
  type ProducerLike,
  type ProducerMessage,
} from './kafka-sink';
export { createKafkaProducer, compressionCode, type KafkaProducerOptions } from './kafka-producer';
export {
  createCollectorMetrics,
  type CollectorMetrics,
  type CollectorMetricsOptions,
  type LastMessageAges,
} from './metrics';
export { KNOWN_MESSAGE_TYPES, boundedLabel } from './metric-labels';
export { createDropReporter, type DropReason, type DropReporter } from './drop-reporter';
export {
  ConnectScheduler,
  SlotBook,
  type ConnectSchedulerOptions,
  type SlotBookOptions,
} from './connect-scheduler';
export { ConnectGate, type ConnectGateOptions } from './connect-gate';
export { gatedSocketFactory } from './gated-socket-factory';
export { RoomManager, type RoomManagerOptions } from './room-manager';
export type { RoomHolder, RoomLease } from './room-lease';
export {
  RoomQueue,
  DEFAULT_ROOMS_QUEUE,
  watchJobId,
  type CrawlSchedule,
  type RoomJobData,
  type RoomQueueOptions,
} from './room-queue';
export { RoomWorker, type RoomWorkerOptions } from './room-worker';
export type { RoomJobResult, StopReason } from './room-job';
