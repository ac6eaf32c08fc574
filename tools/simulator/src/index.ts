export { startSimulator, type GroundTruthOptions, type Simulator } from './simulator.js';
export type { ConnectionInfo, ListenSpec, SimulatorOptions } from './options.js';
export { MALFORMED_KINDS, type FaultConfig, type MalformedKind } from './faults.js';
export type { CloseReason, GroundTruth, SessionTruth } from './ground-truth.js';
export type { MissedRun, RoomTruth } from './room-truth.js';
export type { RoomTraffic } from './room-schedule.js';
export type { TransportKind } from './transport.js';
export { runSimulator, type SimulatorRunConfig, type SimulatorRunIo } from './run-simulator.js';
export { meanMessagesPerSecond } from './mean-rate.js';
