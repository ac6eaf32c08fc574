export { startSimulator, type GroundTruthOptions, type Simulator } from './simulator';
export type { ConnectionInfo, ListenSpec, SimulatorOptions } from './options';
export { MALFORMED_KINDS, type FaultConfig, type MalformedKind } from './faults';
export type { CloseReason, GroundTruth, RoomTruth, SessionTruth } from './ground-truth';
export { DEFAULT_TRAFFIC, type RoomTraffic } from './room-schedule';
export { TYPE_MIX, type StreamMessageType } from './type-mix';
export {
  chatCid,
  generateMessage,
  messageTypeAt,
  type GeneratedMessage,
} from './message-generator';
export type { TransportKind } from './transport';
export { RawClient, type RawClientOptions } from './raw-client';
export { runSimulator, type SimulatorRunConfig, type SimulatorRunIo } from './run-simulator';
