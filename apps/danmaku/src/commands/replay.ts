import type { LogLevel } from '@danmaku/runtime';
import type { WriterConfig } from '@danmaku/writer';
import type { Command } from 'commander';
import type { Admin } from 'kafkajs';
import type { CliIo } from '../cli-io.js';
import { addFieldOptions, messageOf, reportProblems, sourcesOf } from '../command-support.js';
import { writerFields } from '../settings/fields.js';
import { loadWriterSettings, originOf } from '../settings/load-settings.js';
import {
  planReplay,
  replayRanges,
  type PartitionPlan,
  type ReplayStart,
} from '../replay/replay-plan.js';

// Modules that open databases, queues or sockets are imported when the command runs, so that
// `danmaku --help` and the other commands do not load them (issue 15).

interface ReplayFlags {
  fromOffset?: string;
  fromTime?: string;
  partition?: string;
  yes?: boolean;
  follow?: boolean;
}

export function registerReplay(program: Command, io: CliIo, exit: (code: number) => void): void {
  const command = program
    .command('replay')
    .description('rebuild tables: re-run the writer over the raw topic from an offset or a time')
    .option('--from-offset <n>', 'first offset to read again, in every partition (or --partition)')
    .option('--from-time <iso>', 'first receive time to read again, e.g. 2026-05-01T00:00:00Z')
    .option(
      '--partition <p>',
      'only these partitions (repeat or comma-separate)',
      (v, p?: string) => (p === undefined ? v : `${p},${v}`),
    )
    .option('--yes', 'do it: without --yes only the plan is printed')
    .option('--follow', 'keep consuming after catching up (until Ctrl-C)')
    .allowUnknownOption()
    .allowExcessArguments()
    .addHelpText(
      'after',
      '\nStop the writers of the consumer group first: replay deletes the rows that came from the\n' +
        'range, moves the stored offsets back and writes the range again with the current code.\n' +
        'Records older than Kafka retention cannot be replayed (the start is clamped to them).',
    );
  addFieldOptions(command, writerFields());
  command.action(async () => exit(await replay(command, io)));
}

async function replay(command: Command, io: CliIo): Promise<number> {
  const { sources, problems } = sourcesOf(command, io, writerFields());
  const flags = command.opts<ReplayFlags>();
  const start = replayStart(flags, problems);
  const only = partitions(flags.partition, problems);
  const loaded = loadWriterSettings(sources, { mode: 'kafka' });
  problems.push(...loaded.problems);
  if (problems.length > 0 || loaded.config === undefined || start === undefined) {
    return reportProblems(io, problems);
  }
  const config = loaded.config;
  const { Kafka, logLevel } = await import('kafkajs');
  const { kafkaClientSecurity } = await import('@danmaku/runtime');
  const { countReplayedRows, openDatabase, readStoredOffsets, rewindToReplay } =
    await import('@danmaku/writer');
  const kafka = new Kafka({
    clientId: config.clientId,
    brokers: config.kafkaBrokers,
    ...kafkaClientSecurity(config),
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  const database = await openDatabase({ ...config, poolSize: 2 });
  try {
    await admin.connect();
    await refuseRunningGroup(admin, config.groupId);
    const stored = await readStoredOffsets(database.client, config.groupId, config.rawTopic);
    const plan = await planReplay(admin, config.rawTopic, start, stored, only);
    const affected = await countReplayedRows(database.client, config.rawTopic, replayRanges(plan));
    printPlan(io, config, plan, affected);
    if (flags.yes !== true) {
      io.out('dry run: nothing changed. Add --yes to replay.\n');
      return 0;
    }
    await rewindToReplay(database.client, config.groupId, config.rawTopic, replayRanges(plan));
    io.out('rows deleted and offsets moved back; writing the range again…\n');
  } catch (error) {
    io.err(`danmaku replay: ${messageOf(error)}\n`);
    return 1;
  } finally {
    await admin.disconnect().catch(() => undefined);
    await database.client.close();
  }
  // Quiet unless asked: the replay's own progress lines are what matter here.
  const logLevelRow = writerFields().find((field) => field.key === 'logLevel');
  const quiet = logLevelRow === undefined || originOf(sources, logLevelRow) === 'default';
  const level = quiet ? 'warn' : config.logLevel;
  return rerun(io, config, level, flags.follow === true);
}

async function rerun(
  io: CliIo,
  config: WriterConfig,
  level: LogLevel,
  follow: boolean,
): Promise<number> {
  const { createCliLogger } = await import('../cli-logger.js');
  const logger = createCliLogger({
    level,
    pretty: io.isTTY,
    write: io.err,
  });
  const { startWriter } = await import('@danmaku/writer');
  const { waitUntilReplayed } = await import('../replay/replay-progress.js');
  const running = await startWriter({ config: { ...config, metricsPort: -1 }, logger });
  try {
    const stop = io.waitForStop();
    const caughtUp = await waitUntilReplayed(running.database.client, config, stop);
    if (caughtUp)
      io.out('replay done: the writer reached the end of the log as it was at the start\n');
    if (follow && caughtUp) await stop;
    return caughtUp ? 0 : 1;
  } finally {
    await running.stop();
  }
}

async function refuseRunningGroup(admin: Admin, groupId: string): Promise<void> {
  const { groups } = await admin.describeGroups([groupId]);
  const members = groups[0]?.members.length ?? 0;
  if (members > 0) {
    throw new Error(
      `consumer group ${groupId} has ${members} running member(s): stop the writers first`,
    );
  }
}

function printPlan(
  io: CliIo,
  config: WriterConfig,
  plan: PartitionPlan[],
  affected: Record<string, number>,
): void {
  io.out(`replay of ${config.rawTopic} for consumer group ${config.groupId}:\n`);
  for (const p of plan) {
    const clamped = p.from !== p.requested ? ` (asked ${p.requested}; older records are gone)` : '';
    io.out(
      `  partition ${p.partition}: from offset ${p.from}${clamped} to ${p.end}` +
        ` (${p.end - p.from} records; stored next offset ${p.stored ?? 'none'})\n`,
    );
  }
  const rows = Object.entries(affected)
    .map(([table, n]) => `${table} ${n}`)
    .join(', ');
  io.out(`  rows to delete and write again: ${rows}\n`);
}

function replayStart(flags: ReplayFlags, problems: string[]): ReplayStart | undefined {
  if ((flags.fromOffset === undefined) === (flags.fromTime === undefined)) {
    problems.push('give exactly one of --from-offset <n> and --from-time <iso>');
    return undefined;
  }
  if (flags.fromOffset !== undefined) {
    if (/^\d+$/.test(flags.fromOffset)) return { offset: BigInt(flags.fromOffset) };
    problems.push(`--from-offset: expected an offset >= 0, got "${flags.fromOffset}"`);
    return undefined;
  }
  const timestampMs = Date.parse(flags.fromTime ?? '');
  if (Number.isFinite(timestampMs)) return { timestampMs };
  problems.push(`--from-time: "${flags.fromTime}" is no date (use ISO 8601)`);
  return undefined;
}

function partitions(text: string | undefined, problems: string[]): Set<number> | undefined {
  if (text === undefined) return undefined;
  const list = text.split(',').map((item) => item.trim());
  for (const item of list)
    if (!/^\d+$/.test(item)) problems.push(`--partition: bad partition "${item}"`);
  return new Set(list.map(Number));
}
