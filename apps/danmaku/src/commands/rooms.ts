import type { CollectorConfig } from '@danmaku/collector';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { addFieldOptions, messageOf, reportProblems, sourcesOf } from '../command-support.js';
import type { withRoomQueue as WithRoomQueue } from '../room-queue-session.js';
import { fieldsFor, type Field } from '../settings/fields.js';
import { loadCollectorSettings } from '../settings/load-settings.js';

// bullmq and ioredis load only when a queue command runs, not for `danmaku --help` (issue 15).
const withRoomQueue: typeof WithRoomQueue = async (config, use) =>
  (await import('../room-queue-session.js')).withRoomQueue(config, use);

export function queueFields(): Field[] {
  return fieldsFor('rooms');
}

type QueueConfig = CollectorConfig & { redisUrl: string };

/**
 * Settings for a command that talks to the BullMQ `rooms` queue; prints the problems and
 * returns undefined when they are wrong.
 */
export function queueConfig(
  command: Command,
  io: CliIo,
  extraProblems: string[] = [],
): QueueConfig | undefined {
  const { sources, problems } = sourcesOf(command, io, queueFields());
  const loaded = loadCollectorSettings(sources);
  problems.push(...extraProblems, ...loaded.problems);
  if (loaded.config !== undefined && loaded.config.redisUrl === undefined) {
    problems.push('REDIS_URL / --redis-url is required: rooms and schedules live in Redis');
  }
  if (problems.length > 0 || loaded.config?.redisUrl === undefined) {
    reportProblems(io, problems);
    return undefined;
  }
  return loaded.config as QueueConfig;
}

export function parseRooms(values: readonly string[], problems: string[]): number[] {
  const rooms = values.flatMap((value) => value.split(',')).filter((value) => value !== '');
  for (const room of rooms) {
    if (!/^[1-9]\d{0,9}$/.test(room)) problems.push(`bad room id "${room}"`);
  }
  return rooms.map(Number);
}

export function registerRooms(program: Command, io: CliIo, exit: (code: number) => void): void {
  const rooms = program
    .command('rooms')
    .description('always-on rooms in the BullMQ queue that the collectors share');
  const leaf = (name: string, description: string) =>
    addFieldOptions(rooms.command(name).description(description), queueFields());

  const add = leaf('add', 'watch rooms until removed').argument('<rooms...>', 'room ids');
  add.action(async (ids: string[]) => {
    const problems: string[] = [];
    const list = parseRooms(ids, problems);
    const config = queueConfig(add, io, problems);
    if (config === undefined) return exit(2);
    await report(io, exit, () =>
      withRoomQueue(config, async (queue) => {
        for (const room of list) io.out(`room ${room}: ${await queue.addRoom(room)}\n`);
      }),
    );
  });

  const remove = leaf('remove', 'stop watching rooms').argument('<rooms...>', 'room ids');
  remove.action(async (ids: string[]) => {
    const problems: string[] = [];
    const list = parseRooms(ids, problems);
    const config = queueConfig(remove, io, problems);
    if (config === undefined) return exit(2);
    await report(io, exit, () =>
      withRoomQueue(config, async (queue) => {
        for (const room of list) io.out(`room ${room}: ${await queue.removeRoom(room)}\n`);
      }),
    );
  });

  const list = leaf('list', 'watched rooms and crawl windows, with state and holder');
  list.option('--json', 'one JSON document');
  list.action(async () => {
    const config = queueConfig(list, io);
    if (config === undefined) return exit(2);
    await report(io, exit, () =>
      withRoomQueue(config, async (queue) => {
        const jobs = await queue.listRooms();
        if (list.opts<{ json?: boolean }>().json === true) {
          io.out(`${JSON.stringify(jobs, null, 2)}\n`);
          return;
        }
        if (jobs.length === 0) io.out('no rooms\n');
        for (const job of jobs) {
          const holder = job.collector === undefined ? '' : ` on ${job.collector}`;
          const replicas = job.data.replicas ?? 1;
          const replica = replicas === 1 ? '' : ` replica ${job.replica + 1}/${replicas}`;
          io.out(
            `${String(job.data.room).padEnd(10)} ${job.data.kind.padEnd(6)} ${job.state.padEnd(9)} ` +
              `${job.messages} messages${holder}${replica}\n`,
          );
        }
      }),
    );
  });
}

/** Runs a queue operation; a failure (Redis down) is printed and exits 1. */
export async function report(
  io: CliIo,
  exit: (code: number) => void,
  operation: () => Promise<void>,
): Promise<void> {
  try {
    await operation();
    exit(0);
  } catch (error) {
    io.err(`danmaku: ${messageOf(error)}\n`);
    exit(1);
  }
}
