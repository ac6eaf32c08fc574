import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { addFieldOptions } from '../command-support.js';
import { DURATION_UNITS, formatDuration, parseDuration } from '../duration.js';
import type { withRoomQueue as WithRoomQueue } from '../room-queue-session.js';
import { parseRooms, queueConfig, queueFields, report } from './rooms.js';

// bullmq and ioredis load only when a queue command runs, not for `danmaku --help` (issue 15).
const withRoomQueue: typeof WithRoomQueue = async (config, use) =>
  (await import('../room-queue-session.js')).withRoomQueue(config, use);

interface AddFlags {
  room: string;
  cron: string;
  duration: string;
  tz?: string;
}

export function registerSchedule(program: Command, io: CliIo, exit: (code: number) => void): void {
  const schedule = program
    .command('schedule')
    .description('crawl schedules: hold a room for a duration each time a cron pattern fires');
  const leaf = (name: string, description: string) =>
    addFieldOptions(schedule.command(name).description(description), queueFields());

  const add = leaf('add', 'create or replace a schedule (BullMQ job scheduler)')
    .argument('<id>', 'schedule id; adding the same id again replaces it')
    .requiredOption('--room <id>', 'room to crawl')
    .requiredOption('--cron <pattern>', 'cron pattern, e.g. "0 20 * * *" (seconds field optional)')
    .requiredOption('--duration <d>', 'how long each window holds the room: 90m, 2h, 1h30m')
    .option('--tz <zone>', 'IANA time zone of the pattern', 'UTC')
    .addHelpText(
      'after',
      '\nExample: danmaku schedule add evening-9999 --room 9999 --cron "0 20 * * *" --duration 2h',
    );
  add.action(async (id: string) => {
    const flags = add.opts<AddFlags>();
    const problems: string[] = [];
    const [room] = parseRooms([flags.room], problems);
    const durationMs = parseDuration(flags.duration);
    if (durationMs === undefined) {
      problems.push(`--duration: "${flags.duration}" is no duration; units: ${DURATION_UNITS}`);
    }
    const tz = flags.tz ?? 'UTC';
    // The collector (and cron-parser) load only when a schedule is added, not for --help.
    const { checkCrawlPattern } = await import('@danmaku/collector/crawl-pattern');
    const pattern = checkCrawlPattern(flags.cron, tz);
    if (!pattern.ok) problems.push(...pattern.problems);
    if (!/^[\w.-]{1,100}$/.test(id))
      problems.push(`schedule id "${id}": use letters, digits, . _ -`);
    const config = queueConfig(add, io, problems);
    if (config === undefined || room === undefined || durationMs === undefined || !pattern.ok) {
      return exit(2);
    }
    await report(io, exit, () =>
      withRoomQueue(config, async (queue) => {
        await queue.scheduleCrawl({
          id,
          room,
          pattern: flags.cron,
          durationMs,
          tz,
        });
        io.out(
          `schedule ${id}: room ${room}, "${flags.cron}" (${tz}), ${formatDuration(durationMs)} each\n`,
        );
        const next = pattern.nextRuns.map((run) => run.toISOString()).join(', ');
        io.out(`next runs: ${next}\n`);
      }),
    );
  });

  const remove = leaf('remove', 'delete a schedule; a running window stops').argument('<id>');
  remove.action(async (id: string) => {
    const config = queueConfig(remove, io);
    if (config === undefined) return exit(2);
    await report(io, exit, () =>
      withRoomQueue(config, async (queue) => {
        io.out(`schedule ${id}: ${(await queue.removeCrawl(id)) ? 'removed' : 'absent'}\n`);
      }),
    );
  });

  const list = leaf('list', 'schedules with their next run').option('--json', 'one JSON document');
  list.action(async () => {
    const config = queueConfig(list, io);
    if (config === undefined) return exit(2);
    await report(io, exit, () =>
      withRoomQueue(config, async (queue) => {
        const schedules = await queue.listCrawls();
        if (list.opts<{ json?: boolean }>().json === true) {
          io.out(`${JSON.stringify(schedules, null, 2)}\n`);
          return;
        }
        if (schedules.length === 0) io.out('no schedules\n');
        for (const s of schedules) {
          const data = s.template?.data;
          const next = s.next === undefined ? '-' : new Date(s.next).toISOString();
          const length = data?.kind === 'crawl' ? formatDuration(data.durationMs) : '?';
          io.out(
            `${s.key}  room ${data?.room ?? '?'}  "${s.pattern ?? ''}" ${s.tz ?? 'UTC'}  ${length}  next ${next}\n`,
          );
        }
      }),
    );
  });
}
