import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseSimulatorArgs, type SimulatorCliConfig } from './cli-args';
import { SIMULATOR_USAGE } from './cli-usage';
import { startSimulator, type Simulator } from './simulator';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM). */
  stopSignal: Promise<string>;
}

/**
 * Runs the simulator until --duration-s elapses or a stop signal arrives; returns the exit code.
 * The `danmaku sim` command delegates here.
 */
export async function runSimulatorCli(argv: readonly string[], io: CliIo): Promise<number> {
  let config: SimulatorCliConfig | undefined;
  try {
    config = parseSimulatorArgs(argv);
  } catch (error) {
    io.err((error as Error).message);
    return 2;
  }
  if (config === undefined) {
    io.out(SIMULATOR_USAGE);
    return 0;
  }
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

function describe(sim: Simulator, config: SimulatorCliConfig): Record<string, unknown> {
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
  io: CliIo,
  config: SimulatorCliConfig,
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

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  const stopSignal = new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  const io: CliIo = {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    stopSignal,
  };
  process.exitCode = await runSimulatorCli(process.argv.slice(2), io);
}
