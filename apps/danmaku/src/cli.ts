import { Command, CommanderError } from 'commander';
import type { CliIo } from './cli-io.js';
import { PRECEDENCE } from './command-support.js';
import { registerDescribe } from './commands/describe.js';
import { registerExport } from './commands/export.js';
import { registerErase } from './commands/erase.js';
import { registerGifts } from './commands/gifts.js';
import { registerMigrate } from './commands/migrate.js';
import { registerReplay } from './commands/replay.js';
import { registerRooms } from './commands/rooms.js';
import { registerRun } from './commands/run.js';
import { registerSchedule } from './commands/schedule.js';
import { registerSearch } from './commands/search.js';
import { registerServices } from './commands/services.js';
import { registerSim } from './commands/sim.js';
import { registerSql } from './commands/sql.js';
import { registerStatus } from './commands/status.js';
import { registerTemplate } from './commands/pglite-template.js';

/** The `danmaku` program; every command reports its exit code through `exit`. */
export function buildProgram(io: CliIo, exit: (code: number) => void): Command {
  const program = new Command('danmaku')
    .description('Douyu live chat (danmaku) into PostgreSQL')
    .option('-c, --config <file>', 'JSON config file of settings [DANMAKU_CONFIG]')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.out(text), writeErr: (text) => io.err(text) })
    .addHelpText(
      'after',
      `\nSettings come from flags, environment variables and the --config file, in that order of\n` +
        `precedence (${PRECEDENCE}); every problem is listed at once and exits 2.\n` +
        `Quick start: danmaku run --simulate   (offline demo, data in ./data)`,
    );
  program.hook('preSubcommand', (_program, sub) => {
    sub.exitOverride();
    sub.configureOutput({ writeOut: (text) => io.out(text), writeErr: (text) => io.err(text) });
  });
  registerRun(program, io, exit);
  registerServices(program, io, exit);
  registerMigrate(program, io, exit);
  registerRooms(program, io, exit);
  registerSchedule(program, io, exit);
  registerSim(program, io, exit);
  registerReplay(program, io, exit);
  registerStatus(program, io, exit);
  registerSql(program, io, exit);
  registerDescribe(program, io, exit);
  registerSearch(program, io, exit);
  registerExport(program, io, exit);
  registerGifts(program, io, exit);
  registerErase(program, io, exit);
  registerTemplate(program, io, exit);
  return program;
}

/** Runs one command line (without `node` and the script) and resolves with its exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync(withoutScriptSeparator(argv), { from: 'user' });
  } catch (error) {
    // Commander reports usage errors with 1; ours is 2 (0 ok, 1 runtime failure, 2 usage/config).
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    io.err(`danmaku: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
  return code;
}

/**
 * `pnpm start -- --simulate` hands over `run -- --simulate`: pnpm keeps the `--` that npm would
 * drop. A `--` before or right after the command name is that separator, not end-of-options.
 */
export function withoutScriptSeparator(argv: readonly string[]): string[] {
  const args = [...argv];
  if (args[0] === '--') args.shift();
  if (args[1] === '--') args.splice(1, 1);
  return args;
}
