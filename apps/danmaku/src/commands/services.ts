import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { addFieldOptions, messageOf, reportProblems, sourcesOf } from '../command-support.js';
import { collectorFields, writerFields } from '../settings/fields.js';
import { loadCollectorSettings, loadWriterSettings } from '../settings/load-settings.js';

/** `danmaku collector` and `danmaku writer`: one service each, JSON log lines, /metrics. */
export function registerServices(program: Command, io: CliIo, exit: (code: number) => void): void {
  const collector = program
    .command('collector')
    .description(
      'collector service: Douyu rooms → Kafka; static --rooms, or room jobs from Redis (BullMQ)',
    )
    .allowUnknownOption()
    .allowExcessArguments();
  addFieldOptions(collector, collectorFields());
  collector.action(async () => exit(await runCollector(collector, io)));

  const writer = program
    .command('writer')
    .description('writer service: Kafka → PostgreSQL, rows and offsets in one transaction')
    .allowUnknownOption()
    .allowExcessArguments();
  addFieldOptions(writer, writerFields());
  writer.action(async () => exit(await runWriter(writer, io)));
}

async function runCollector(command: Command, io: CliIo): Promise<number> {
  const { sources, problems } = sourcesOf(command, io, collectorFields());
  const loaded = loadCollectorSettings(sources);
  problems.push(...loaded.problems);
  if (problems.length > 0 || loaded.config === undefined) return reportProblems(io, problems);
  const config = loaded.config;
  const { createCliLogger } = await import('../cli-logger.js');
  const logger = createCliLogger({ level: config.logLevel, pretty: io.isTTY, write: io.err }).child(
    {
      collector: config.collectorId,
    },
  );
  let running;
  try {
    const { startCollector } = await import('@danmaku/collector');
    running = await startCollector(config, { logger });
  } catch (error) {
    io.err(`danmaku collector: could not start: ${messageOf(error)}\n`);
    return 1;
  }
  const stopped = await Promise.race([io.waitForStop(), running.failed]);
  if (stopped instanceof Error) {
    io.err(`danmaku collector: cannot continue: ${messageOf(stopped)}\n`);
    await running.close();
    return 1;
  }
  logger.info('stopping', { signal: stopped });
  await running.close();
  return 0;
}

async function runWriter(command: Command, io: CliIo): Promise<number> {
  const { sources, problems } = sourcesOf(command, io, writerFields());
  const loaded = loadWriterSettings(sources, { mode: 'kafka' });
  problems.push(...loaded.problems);
  if (problems.length > 0 || loaded.config === undefined) return reportProblems(io, problems);
  const { createCliLogger } = await import('../cli-logger.js');
  const logger = createCliLogger({
    level: loaded.config.logLevel,
    pretty: io.isTTY,
    write: io.err,
  });
  let running;
  try {
    const { startWriter } = await import('@danmaku/writer');
    running = await startWriter({ config: loaded.config, logger });
  } catch (error) {
    io.err(`danmaku writer: could not start: ${messageOf(error)}\n`);
    return 1;
  }
  const signal = await io.waitForStop();
  logger.info('stopping', { signal, flushTimeoutMs: loaded.config.flushTimeoutMs });
  const { describeUnwritten } = await import('@danmaku/writer');
  const unwritten = describeUnwritten(await running.stop());
  if (unwritten === undefined) return 0;
  io.err(`danmaku writer: stopped with ${unwritten}\n`);
  return 1;
}
