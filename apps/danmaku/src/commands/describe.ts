import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { addFieldOptions, messageOf, reportProblems, sourcesOf } from '../command-support.js';
import { lockDataDir } from '../data-dir-lock.js';
import { fieldsFor } from '../settings/fields.js';
import { loadWriterSettings } from '../settings/load-settings.js';

/**
 * `danmaku describe [table]`: the data dictionary as the database it is pointed at holds it (the
 * COMMENTs the migrations set), so it describes that database, whatever its version.
 */
export function registerDescribe(program: Command, io: CliIo, exit: (code: number) => void): void {
  const fields = fieldsFor('describe');
  const command = program
    .command('describe')
    .description(
      'tables and views with what they hold; with a table: its columns, units, wire fields, codes',
    )
    .argument('[table]', 'a table or view; without it, every table and view')
    .addHelpText(
      'after',
      '\nRead from the comments of the database (PGlite in ./data or DATABASE_URL); the same text\n' +
        'is in docs/data-dictionary.md. Example: danmaku describe chat_messages',
    );
  addFieldOptions(command, fields);
  command.action(async (table: string | undefined) => {
    const { sources, problems } = sourcesOf(command, io, fields);
    const loaded = loadWriterSettings(sources, { mode: 'embedded' });
    problems.push(...loaded.problems);
    if (problems.length > 0 || loaded.config === undefined)
      return exit(reportProblems(io, problems));
    const config = loaded.config;
    if (config.databaseUrl === undefined && !existsSync(join(config.dataDir, 'PG_VERSION'))) {
      io.err(
        `danmaku describe: no database in ${config.dataDir} yet: \`danmaku run\` creates it\n`,
      );
      return exit(1);
    }
    try {
      const lock = config.databaseUrl === undefined ? lockDataDir(config.dataDir) : undefined;
      try {
        const { describeDatabaseTables } = await import('../describe/describe-tables.js');
        exit(await describeDatabaseTables(config, io, table));
      } finally {
        lock?.release();
      }
    } catch (error) {
      io.err(`danmaku describe: ${messageOf(error)}\n`);
      exit(1);
    }
  });
}
