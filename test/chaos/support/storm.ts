import { monitorEventLoopDelay } from 'node:perf_hooks';
import { MALFORMED_KINDS, type FaultConfig, type GroundTruth } from '@danmaku/simulator';
import type { SeededRandom } from './seeded-random.js';

/**
 * The faults of one storm connection: a malformed frame after 20–180 messages (~1 % of frames),
 * and often fragmentation, coalescing, no heartbeat echo, or silence.
 */
export function stormFaults(rng: SeededRandom): FaultConfig {
  const faults: FaultConfig = {};
  // Pieces are 1..max bytes, log-uniform: small ones are common even with a large max.
  if (rng.chance(0.4)) faults.split = { maxPieceBytes: rng.pick([16, 128, 1024, 4096]) };
  if (rng.chance(0.4)) faults.coalesce = { maxFrames: rng.int(2, 32) };
  if (rng.chance(0.3)) faults.noHeartbeatEcho = true;
  if (rng.chance(0.1)) faults.silenceAfterMessages = rng.int(5, 60);
  // A 1 MiB oversize frame cut into pieces of a few bytes would be ~10^5 WebSocket messages:
  // the simulator would spend the run writing them, so oversize goes unsplit.
  const kinds =
    faults.split === undefined ? MALFORMED_KINDS : MALFORMED_KINDS.filter((k) => k !== 'oversize');
  faults.malformed = { kind: rng.pick(kinds), afterMessages: rng.int(20, 180) };
  return faults;
}

/** Events per second from the first one (sorted times). */
function perSecond(times: readonly number[]): number[] {
  const counts: number[] = [];
  for (const t of times) {
    const second = Math.floor((t - (times[0] ?? 0)) / 1000);
    counts[second] = (counts[second] ?? 0) + 1;
  }
  return Array.from(counts, (n) => n ?? 0);
}

/** Most events in any window of `windowMs` (sorted times). */
function peakInWindow(times: readonly number[], windowMs: number): number {
  let peak = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while ((times[i] ?? 0) - (times[j] ?? 0) >= windowMs) j++;
    peak = Math.max(peak, i - j + 1);
  }
  return peak;
}

/** Connects as the simulator accepted them: every session, and those that were a room's retry. */
export function connectRates(truth: GroundTruth) {
  const connects = truth.sessions.map((s) => s.connectedAtMs).sort((a, b) => a - b);
  const first = new Map<number, number>();
  for (const s of truth.sessions) {
    const room = s.loginRoomId ?? -1;
    first.set(room, Math.min(first.get(room) ?? Infinity, s.sessionId));
  }
  const reconnects = truth.sessions
    .filter((s) => first.get(s.loginRoomId ?? -1) !== s.sessionId)
    .map((s) => s.connectedAtMs)
    .sort((a, b) => a - b);
  return {
    total: connects.length,
    spanMs: (connects.at(-1) ?? 0) - (connects[0] ?? 0),
    peaks: {
      connectsPer1s: peakInWindow(connects, 1_000),
      connectsPer5s: peakInWindow(connects, 5_000),
      reconnectsPer60s: peakInWindow(reconnects, 60_000),
    },
    perSecond: perSecond(connects),
  };
}

/** How starved this process's event loop was (the simulator runs in it). */
export function watchLoad(): () => {
  maxLoopDelayMs: number;
  p99LoopDelayMs: number;
  cpuShare: number;
} {
  const lag = monitorEventLoopDelay({ resolution: 20 });
  lag.enable();
  const cpuBefore = process.cpuUsage();
  const started = Date.now();
  return () => {
    lag.disable();
    const cpu = process.cpuUsage(cpuBefore);
    return {
      maxLoopDelayMs: Math.round(lag.max / 1e6),
      p99LoopDelayMs: Math.round(lag.percentile(99) / 1e6),
      cpuShare: Number(((cpu.user + cpu.system) / 1000 / (Date.now() - started)).toFixed(2)),
    };
  };
}

export function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}
