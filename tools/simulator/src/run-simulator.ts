import type { SimulatorOptions } from './options.js';
import { startSimulator, type Simulator } from './simulator.js';

/** One run of the simulator as a process: `danmaku sim` builds this from its flags. */
export interface SimulatorRunConfig {
  options: SimulatorOptions;
  /** Stop after this long; undefined = until the stop signal. */
  durationS: number | undefined;
  /** Write the ground truth JSON here on exit. */
  truthFile: string | undefined;
  /** Print a stats line this often; 0 = never. */
  statsEveryS: number;
  /** Events as JSON lines instead of `key=value` text. */
  json: boolean;
}

export interface SimulatorRunIo {
  out(line: string): void;
  err(line: string): void;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM). */
  stopSignal: Promise<string>;
}

/** Runs the simulator until durationS elapses or a stop signal arrives; returns the exit code. */
export async function runSimulator(
  config: SimulatorRunConfig,
  io: SimulatorRunIo,
): Promise<number> {
  let sim: Simulator;
  try {
    sim = await startSimulator(config.options);
  } catch (error) {
    io.err(`simulator failed to start: ${(error as Error).message}`);
    return 1;
  }
  report(io, config, 'listening', describe(sim, config));
  const stats =
    config.statsEveryS > 0
      ? setInterval(() => report(io, config, 'stats', statsOf(sim)), config.statsEveryS * 1000)
      : undefined;
  const reason = await Promise.race([
    io.stopSignal,
    ...(config.durationS === undefined
      ? []
      : [
          new Promise<string>((resolve) =>
            setTimeout(() => resolve('duration'), (config.durationS ?? 0) * 1000),
          ),
        ]),
  ]);
  if (stats !== undefined) clearInterval(stats);
  if (config.truthFile !== undefined) await sim.writeGroundTruth(config.truthFile);
  report(io, config, 'stopped', { reason, ...statsOf(sim), truthFile: config.truthFile ?? null });
  await sim.close();
  return 0;
}

function describe(sim: Simulator, config: SimulatorRunConfig): Record<string, unknown> {
  const rooms = config.options.rooms;
  return {
    ws: sim.wsPorts.map((port) => sim.wsUrl(port)),
    tcp: sim.tcpPorts.map((port) => `${sim.host}:${port}`),
    refused: [...(config.options.listen?.ws ?? []), ...(config.options.listen?.tcp ?? [])]
      .filter((spec) => typeof spec === 'object' && spec.refuse === true)
      .map((spec) => (typeof spec === 'object' ? spec.port : spec)),
    rooms: rooms === undefined ? 'all' : `${rooms[0]}-${rooms[rooms.length - 1]} (${rooms.length})`,
    seed: sim.seed,
    faults: config.options.faults ?? {},
  };
}

function statsOf(sim: Simulator): Record<string, number> {
  const totals = sim.groundTruth({ cids: false }).totals;
  return {
    connections: sim.connectionCount(),
    sessions: totals.sessions,
    streamMessages: totals.streamMessages,
    droppedFrames: totals.droppedFrames,
  };
}

function report(
  io: SimulatorRunIo,
  config: SimulatorRunConfig,
  event: string,
  data: Record<string, unknown>,
): void {
  if (config.json) {
    io.out(JSON.stringify({ event, ...data }));
    return;
  }
  const text = Object.entries(data)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
  io.out(`simulator ${event}: ${text}`);
}
