import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { strayArguments } from '../command-support.js';
import { simulatorConfigOf } from './sim-config.js';
import { addSimulatorFlags, type SimFlags } from './sim-flags.js';

/** `danmaku sim [options]`: the simulator's one command line. */
export function registerSim(program: Command, io: CliIo, exit: (code: number) => void): void {
  const command = program
    .command('sim')
    .description(
      'run the Douyu simulator alone (WebSocket + TCP); `danmaku sim --help` for options',
    )
    // Unknown flags are listed with every other problem, not one at a time by commander.
    .allowUnknownOption()
    .allowExcessArguments()
    .addHelpText(
      'after',
      '\nA Douyu-compatible danmaku server (WebSocket and TCP) with generated traffic, fault modes\n' +
        "and ground truth. Clients send loginreq + joingroup for a room and receive that room's stream.",
    );
  addSimulatorFlags(command);
  command.action(async () => exit(await sim(command, io)));
}

async function sim(command: Command, io: CliIo): Promise<number> {
  const { config, problems } = simulatorConfigOf(command.opts<SimFlags>());
  const all = [...strayArguments(command), ...problems];
  if (config === undefined || all.length > 0) {
    io.err(`danmaku sim: invalid arguments:\n${all.map((p) => `  - ${p}`).join('\n')}\n`);
    return 2;
  }
  const { runSimulator } = await import('@danmaku/simulator');
  return runSimulator(config, {
    out: (line) => io.out(`${line}\n`),
    err: (line) => io.err(`${line}\n`),
    stopSignal: io.waitForStop(),
  });
}
