import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io';

interface SimulatorCli {
  runSimulatorCli(
    argv: readonly string[],
    io: { out(line: string): void; err(line: string): void; stopSignal: Promise<string> },
  ): Promise<number>;
}

/**
 * `danmaku sim [options]` is the simulator's own command line (`--help` prints its usage).
 * @danmaku/simulator does not export its CLI runner from index.ts, so it is loaded from the
 * package's main.ts beside it.
 */
export function registerSim(program: Command, io: CliIo, exit: (code: number) => void): void {
  program
    .command('sim')
    .description(
      'run the Douyu simulator alone (WebSocket + TCP); `danmaku sim --help` for options',
    )
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .action(async (_options: unknown, command: Command) => {
      const simulator = await loadSimulatorCli();
      const code = await simulator.runSimulatorCli(command.args, {
        out: (line) => io.out(`${line}\n`),
        err: (line) => io.err(`${line}\n`),
        stopSignal: io.waitForStop(),
      });
      exit(code);
    });
}

async function loadSimulatorCli(): Promise<SimulatorCli> {
  const index = fileURLToPath(import.meta.resolve('@danmaku/simulator'));
  return (await import(pathToFileURL(join(dirname(index), 'main.ts')).href)) as SimulatorCli;
}
