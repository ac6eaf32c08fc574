// Public API of @danmaku/records: the contract between the collector and the writer.
export { MAX_ROOM_ID, isRoomId, type RawRecord } from './raw-record.js';
export {
  parseSessionEvent,
  sessionEventSchema,
  type SessionEvent,
  type SessionEventKind,
} from './session-event.js';
export type {
  DecodeFailureReason,
  RawEntry,
  RecordPosition,
  SessionEntry,
  SourceEntry,
  UndecodableEntry,
  WireRecord,
} from './source-entry.js';
export {
  decodeKafkaMessage,
  entryWire,
  parseRoomKey,
  rawRecordToKafkaMessage,
  sessionEventToKafkaMessage,
  type KafkaHeaderValue,
  type KafkaIncomingMessage,
  type KafkaOutgoingMessage,
  type KafkaTopics,
} from './kafka-codec.js';
export type { BackpressureState, RecordSink } from './record-sink.js';
export {
  DEFAULT_QUEUE_OFFSET_TOPIC,
  QUEUE_PARTITION,
  type BatchControl,
  type BatchHandler,
  type OffsetCommit,
  type OffsetReader,
  type RecordSource,
  type SourceBatch,
} from './record-source.js';
export { QueueClosedError } from './bounded-queue.js';
export { RecordChannel, type RecordChannelOptions } from './record-channel.js';
export { TOPIC_SETTINGS } from './topic-settings.js';
