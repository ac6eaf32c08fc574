// Public API of @danmaku/records: the contract between the collector and the writer.
export { MAX_ROOM_ID, isRoomId, type RawRecord } from './raw-record';
export {
  parseSessionEvent,
  sessionEventSchema,
  type SessionEvent,
  type SessionEventKind,
} from './session-event';
export type {
  DecodeFailureReason,
  RawEntry,
  RecordPosition,
  SessionEntry,
  SourceEntry,
  UndecodableEntry,
  WireRecord,
} from './source-entry';
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
} from './kafka-codec';
export type { BackpressureState, RecordSink } from './record-sink';
export {
  DEFAULT_QUEUE_OFFSET_TOPIC,
  QUEUE_PARTITION,
  type BatchControl,
  type BatchHandler,
  type OffsetCommit,
  type OffsetReader,
  type RecordSource,
  type SourceBatch,
} from './record-source';
export { QueueClosedError } from './bounded-queue';
export { RecordChannel, type RecordChannelOptions } from './record-channel';
export { TOPIC_SETTINGS } from './topic-settings';
