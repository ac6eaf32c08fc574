export { startSimulator, type GroundTruthOptions, type Simulator } from './simulator';
export type { ConnectionInfo, ListenSpec, SimulatorOptions } from './options';
export { MALFORMED_KINDS, type FaultConfig, type MalformedKind } from './faults';
export type { CloseReason, GroundTruth, RoomTruth, SessionTruth } from './ground-truth';
export type { RoomTraffic } from './room-schedule';
export type { TransportKind } from './transport';
export { runSimulator, type SimulatorRunConfig, type SimulatorRunIo } from './run-simulator';
