// Test-only helpers (not exported from index): connect raw clients and compare them with ground truth.
import { expect } from 'vitest';
import type { SessionTruth } from './ground-truth.js';
import { RawClient, type RawClientOptions } from './raw-client.js';
import type { Simulator } from './simulator.js';
import type { TransportKind } from './transport.js';

export const TRANSPORTS: readonly TransportKind[] = ['ws', 'tcp'];

export function portOf(sim: Simulator, transport: TransportKind): number {
  const port = transport === 'ws' ? sim.wsPorts[0] : sim.tcpPorts[0];
  if (port === undefined) throw new Error(`no ${transport} port`);
  return port;
}

export async function join(
  sim: Simulator,
  transport: TransportKind,
  roomId: number,
  extra: Partial<RawClientOptions> = {},
): Promise<RawClient> {
  return RawClient.connect({ transport, port: portOf(sim, transport), roomId, ...extra });
}

/** The session whose loginreq named this room (the tests use one client per room). */
export function sessionOfRoom(sim: Simulator, roomId: number): SessionTruth {
  const sessions = sim.groundTruth().sessions.filter((s) => s.loginRoomId === roomId);
  if (sessions.length !== 1)
    throw new Error(`expected one session for room ${roomId}, got ${sessions.length}`);
  return sessions[0] as SessionTruth;
}

/** What the client decoded is exactly what the server says it sent. */
export function expectMatchesTruth(client: RawClient, truth: SessionTruth): void {
  expect(client.countsByType).toEqual(truth.countsByType);
  expect(client.cids).toEqual(truth.cids);
  expect(client.protocolError !== undefined).toBe(truth.malformedFrames > 0);
}

export function streamCount(client: RawClient): number {
  const control = new Set(['loginres', 'pingreq', 'mrkl', 'keeplive', 'error']);
  return Object.entries(client.countsByType)
    .filter(([type]) => !control.has(type))
    .reduce((sum, [, n]) => sum + n, 0);
}

export async function closeAll(sim: Simulator, clients: readonly RawClient[]): Promise<void> {
  sim.dropAll();
  await Promise.all(clients.map((client) => client.closed));
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));
