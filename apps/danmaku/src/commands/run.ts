import type { Command } from 'commander';
import type { createCliLogger as CreateCliLogger } from '../cli-logger.js';
import type { CliIo } from '../cli-io.js';
import {
  addFieldOptions,
  joinRepeated,
  messageOf,
  reportProblems,
  sourcesOf,
} from '../command-support.js';
import type { EmbeddedRun, EmbeddedRunOptions, SimulateOptions } from '../embedded/embedded-run.js';
import { startStatusReporter } from '../embedded/status-line.js';
import { describeDatabase } from '../database-label.js';
import { fieldsFor, type Field } from '../settings/fields.js';
import {
  loadCliSettings,
  loadCollectorSettings,
  loadWriterSettings,
  originOf,
} from '../settings/load-settings.js';

/** Rooms the simulator fills when `--simulate` is given without `--room`. */
export const DEFAULT_SIMULATED_ROOMS = [1001, 1002, 1003];

interface RunFlags {
  room?: string;
  simulate?: boolean;
  simRate?: string;
  simSeed?: string;
}

export function registerRun(program: Command, io: CliIo, exit: (code: number) => void): void {
  const fields = fieldsFor('run');
  const command = program
    .command('run')
    .description('embedded mode: collector + writer in one process, no servers needed')
    .option(
      '-r, --room <id>',
      'Douyu room id; repeat or comma-separate for more [ROOMS]',
      joinRepeated,
    )
    .option('--simulate', 'start the built-in Douyu simulator and collect from it (offline demo)')
    .option('--sim-rate <n>', 'simulator: mean messages per second per room (default 20)')
    .option('--sim-seed <n>', 'simulator: seed of the generated stream (default: the clock)')
    .allowUnknownOption()
    .allowExcessArguments();
  addFieldOptions(command, fields).addHelpText(
    'after',
    '\nEvery other collector and writer setting is read from its environment variable or the\n' +
      'config file (see `danmaku collector --help`, `danmaku writer --help`).\n' +
      'Without DATABASE_URL the data goes to embedded PostgreSQL (PGlite) in --data-dir (./data).',
  );
  command.action(async () => exit(await runEmbedded(command, io, fields)));
}

interface RunPlan {
  options: EmbeddedRunOptions;
  rooms: readonly number[];
  statusIntervalMs: number;
}

async function runEmbedded(command: Command, io: CliIo, fields: Field[]): Promise<number> {
  // pino loads with the command that logs, not with `danmaku --help`.
  const { createCliLogger } = await import('../cli-logger.js');
  const plan = planRun(command, io, fields, createCliLogger);
  if (Array.isArray(plan)) return reportProblems(io, plan);
  let run: EmbeddedRun;
  try {
    const { startEmbedded } = await import('../embedded/embedded-run.js');
    run = await startEmbedded(plan.options);
  } catch (error) {
    io.err(`danmaku run: could not start: ${messageOf(error)}\n`);
    return 1;
  }
  const source = run.simulatorUrl === undefined ? 'Douyu' : `the simulator at ${run.simulatorUrl}`;
  io.out(
    `danmaku run: rooms ${plan.rooms.join(', ') || '(from the Redis queue)'} from ${source} → ` +
      `${describeDatabase(plan.options.writer)}` +
      `${run.metricsUrl === undefined ? '' : `, metrics at ${run.metricsUrl}`}. Ctrl-C stops.\n`,
  );
  return supervise(run, io, plan.statusIntervalMs, plan.options.writer.flushTimeoutMs);
}

/** Every setting of the run, or every problem with them. */
function planRun(
  command: Command,
  io: CliIo,
  fields: Field[],
  createCliLogger: typeof CreateCliLogger,
): RunPlan | string[] {
  const { sources, problems } = sourcesOf(command, io, fields);
  const flags = command.opts<RunFlags>();
  if (flags.room !== undefined) sources.flags['rooms'] = flags.room;
  const simulate = flags.simulate === true;
  const sim = simulateProblems(flags, problems);
  // The simulator's port is only known once it listens; validate with a stand-in endpoint.
  const collector = loadCollectorSettings(
    sources,
    simulate ? { transport: 'ws', endpoints: ['ws://127.0.0.1:1/'] } : {},
  );
  const writer = loadWriterSettings(sources, { mode: 'embedded' });
  const cli = loadCliSettings(sources);
  problems.push(...collector.problems, ...writer.problems, ...cli.problems);
  const c = collector.config;
  if (c !== undefined && !simulate && c.rooms.length === 0 && c.redisUrl === undefined) {
    problems.push('no rooms to collect: pass --room <id> (or ROOMS), or --simulate for the demo');
  }
  if (cli.config?.sqlPort !== undefined && writer.config?.databaseUrl !== undefined) {
    problems.push(
      '--sql-port serves embedded PostgreSQL (PGlite): with DATABASE_URL, query that server',
    );
  }
  if (problems.length > 0 || c === undefined || writer.config === undefined || !cli.config) {
    return problems;
  }
  const rooms = c.rooms.length > 0 ? c.rooms : simulate ? DEFAULT_SIMULATED_ROOMS : [];
  const httpField = fields.find((field) => field.key === 'httpPort');
  const options: EmbeddedRunOptions = {
    collector: { ...c, rooms },
    writer: writer.config,
    simulate: simulate ? { ...sim, rooms } : undefined,
    http: httpField !== undefined && originOf(sources, httpField) !== 'default',
    logger: createCliLogger({ level: c.logLevel, pretty: io.isTTY, write: io.err }),
    env: io.env,
    sqlPort: cli.config.sqlPort,
  };
  return { options, rooms, statusIntervalMs: cli.config.statusIntervalMs };
}

/**
 * Status until Ctrl-C (or a database that never starts), then a close that flushes for a bounded
 * time: exit 0 only when every message received was written, else 1 with how many and why.
 */
async function supervise(
  run: EmbeddedRun,
  io: CliIo,
  intervalMs: number,
  flushTimeoutMs: number,
): Promise<number> {
  const reporter = startStatusReporter({
    read: () => run.stats(),
    write: io.out,
    tty: io.isTTY,
    intervalMs,
  });
  const stop = io.waitForStop();
  const failed = await Promise.race([
    run.ready.then(
      () => undefined,
      (error: unknown) => ({ error }),
    ),
    stop.then(() => undefined),
  ]);
  if (failed !== undefined) {
    reporter.stop();
    io.err(`danmaku run: the database did not start: ${messageOf(failed.error)}\n`);
    await run.close();
    return 1;
  }
  if (run.sqlUrl !== undefined) {
    io.out(`danmaku run: SQL at ${run.sqlUrl} (psql, Grafana, \`danmaku sql\`)\n`);
  }
  const signal = await stop;
  reporter.stop();
  const { queueDepth } = await run.stats();
  io.out(
    `${signal}: stopping; flushing the queue (${queueDepth} messages) into the database for up ` +
      `to ${flushTimeoutMs / 1000} s (Ctrl-C again quits at once, losing what is not written)…\n`,
  );
  const final = await run.close();
  const counts = `${final.messages} messages received, ${final.rowsWritten} rows written`;
  if (final.unwritten === undefined) {
    io.out(`stopped cleanly: ${counts}, queue ${final.queueDepth}\n`);
    return 0;
  }
  io.err(`danmaku run: ${final.unwritten}\n`);
  io.out(`stopped: ${counts}, ${final.report.unwritten} messages not written\n`);
  return 1;
}

function simulateProblems(flags: RunFlags, problems: string[]): Omit<SimulateOptions, 'rooms'> {
  const rate = flags.simRate === undefined ? undefined : Number(flags.simRate);
  if (rate !== undefined && !(Number.isFinite(rate) && rate >= 0)) {
    problems.push(`--sim-rate: expected a number >= 0, got "${flags.simRate}"`);
  }
  const seed = flags.simSeed === undefined ? Math.floor(Date.now() / 1000) : Number(flags.simSeed);
  if (!Number.isSafeInteger(seed)) problems.push(`--sim-seed: expected an integer`);
  if (flags.simulate !== true && (flags.simRate ?? flags.simSeed) !== undefined) {
    problems.push('--sim-rate and --sim-seed need --simulate');
  }
  return { messagesPerSecond: rate, seed };
}
