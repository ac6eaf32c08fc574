import { MALFORMED_KINDS, type FaultConfig } from './faults.js';
import { DEFAULT_TRAFFIC, type RoomTraffic } from './room-schedule.js';
import type { TransportKind } from './transport.js';

/** A port to listen on (0 = any free port), optionally refusing every connection. */
export type ListenSpec = number | { port: number; refuse?: boolean };

/** What the per-connection fault hook is told, once the client's loginreq named its room. */
export interface ConnectionInfo {
  connectionId: number;
  transport: TransportKind;
  /** Listening port the client connected to. */
  port: number;
  /** Room id from the loginreq. */
  roomId: number;
}

export interface SimulatorOptions {
  /** Seed of every random choice; the same seed gives the same stream per room. Default 1. */
  seed?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Default `{ ws: [0], tcp: [0] }`. */
  listen?: { ws?: readonly ListenSpec[]; tcp?: readonly ListenSpec[] };
  /** Rooms with traffic; any other room logs in fine but stays quiet (live_stat 0). Default: all. */
  rooms?: readonly number[];
  /** Traffic of every room; default 20 msgs/s with 5× bursts of ~3 s every ~30 s. */
  traffic?: Partial<RoomTraffic>;
  /** Per-room traffic, over `traffic`. */
  trafficFor?: (roomId: number) => Partial<RoomTraffic> | undefined;
  /** Faults of every connection (can be replaced at runtime with setFaults). */
  faults?: FaultConfig;
  /** Per-connection faults, over `faults`; called once per connection, at its loginreq. */
  faultsFor?: (connection: ConnectionInfo) => FaultConfig | undefined;
  /** Server pingreq period (one is also sent right after loginres). Default 30 s. */
  pingIntervalMs?: number;
  /** How often rooms emit and split/coalesced output is flushed. Default 20 ms. */
  tickMs?: number;
  /** Per connection: frames beyond this many unsent bytes are dropped and counted. Default 4 MiB. */
  maxBufferedBytes?: number;
  /** Session records kept for ground truth; the oldest closed ones go first. Default 100,000. */
  maxSessionsInTruth?: number;
  /** Virtual time of each room's first message, for cst/ts fields. Default 2026-01-01T00:00Z. */
  epochMs?: number;
}

export interface ResolvedOptions {
  seed: number;
  host: string;
  listen: {
    ws: Array<{ port: number; refuse: boolean }>;
    tcp: Array<{ port: number; refuse: boolean }>;
  };
  rooms: ReadonlySet<number> | undefined;
  traffic: RoomTraffic;
  trafficFor: ((roomId: number) => Partial<RoomTraffic> | undefined) | undefined;
  faults: FaultConfig;
  faultsFor: ((connection: ConnectionInfo) => FaultConfig | undefined) | undefined;
  pingIntervalMs: number;
  tickMs: number;
  maxBufferedBytes: number;
  maxSessionsInTruth: number;
  epochMs: number;
}

const isCount = (n: unknown): boolean => typeof n === 'number' && Number.isInteger(n) && n >= 0;
const isPositive = (n: unknown): boolean => typeof n === 'number' && Number.isFinite(n) && n > 0;

function listenSpecs(
  specs: readonly ListenSpec[] | undefined,
  fallback: number[],
  name: string,
  problems: string[],
) {
  return (specs ?? fallback).map((spec) => {
    const port = typeof spec === 'number' ? spec : spec.port;
    if (!isCount(port) || port > 65_535)
      problems.push(`${name}: port ${String(port)} is not 0..65535`);
    return { port, refuse: typeof spec === 'object' && spec.refuse === true };
  });
}

export function trafficProblems(traffic: RoomTraffic, name: string): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(traffic)) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      problems.push(`${name}.${key} must be a finite number >= 0`);
    }
  }
  if (traffic.burstMultiplier < 1) problems.push(`${name}.burstMultiplier must be >= 1`);
  return problems;
}

export function faultProblems(faults: FaultConfig, name = 'faults'): string[] {
  const problems: string[] = [];
  for (const key of [
    'closeAfterMessages',
    'closeAfterMs',
    'silenceAfterMessages',
    'loginDelayMs',
  ] as const) {
    if (faults[key] !== undefined && !isCount(faults[key]))
      problems.push(`${name}.${key} must be an integer >= 0`);
  }
  if (faults.malformed !== undefined && !MALFORMED_KINDS.includes(faults.malformed.kind)) {
    problems.push(`${name}.malformed.kind must be one of ${MALFORMED_KINDS.join(', ')}`);
  }
  if (typeof faults.split === 'object' && !isPositive(faults.split.maxPieceBytes ?? 1)) {
    problems.push(`${name}.split.maxPieceBytes must be > 0`);
  }
  return problems;
}

/** Fills defaults and checks everything; throws one error listing every problem. */
export function resolveOptions(options: SimulatorOptions): ResolvedOptions {
  const problems: string[] = [];
  const traffic: RoomTraffic = { ...DEFAULT_TRAFFIC, ...options.traffic };
  problems.push(...trafficProblems(traffic, 'traffic'), ...faultProblems(options.faults ?? {}));
  const resolved: ResolvedOptions = {
    seed: options.seed ?? 1,
    host: options.host ?? '127.0.0.1',
    listen: {
      ws: listenSpecs(options.listen?.ws, [0], 'listen.ws', problems),
      tcp: listenSpecs(options.listen?.tcp, [0], 'listen.tcp', problems),
    },
    rooms: options.rooms === undefined ? undefined : new Set(options.rooms),
    traffic,
    trafficFor: options.trafficFor,
    faults: options.faults ?? {},
    faultsFor: options.faultsFor,
    pingIntervalMs: options.pingIntervalMs ?? 30_000,
    tickMs: options.tickMs ?? 20,
    maxBufferedBytes: options.maxBufferedBytes ?? 4 * 1024 * 1024,
    maxSessionsInTruth: options.maxSessionsInTruth ?? 100_000,
    epochMs: options.epochMs ?? Date.UTC(2026, 0, 1),
  };
  if (!Number.isSafeInteger(resolved.seed)) problems.push('seed must be an integer');
  for (const key of [
    'pingIntervalMs',
    'tickMs',
    'maxBufferedBytes',
    'maxSessionsInTruth',
  ] as const) {
    if (!isPositive(resolved[key])) problems.push(`${key} must be > 0`);
  }
  if (resolved.listen.ws.length + resolved.listen.tcp.length === 0)
    problems.push('listen: no ports');
  if (problems.length > 0)
    throw new Error(`invalid simulator options:\n- ${problems.join('\n- ')}`);
  return resolved;
}
