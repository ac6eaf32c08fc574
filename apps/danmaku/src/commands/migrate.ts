import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { addFieldOptions, messageOf, reportProblems, sourcesOf } from '../command-support.js';
import { describeDatabase } from '../database-label.js';
import { lockDataDir } from '../data-dir-lock.js';
import { fieldsFor } from '../settings/fields.js';
import { loadWriterSettings } from '../settings/load-settings.js';

export function registerMigrate(program: Command, io: CliIo, exit: (code: number) => void): void {
  const fields = fieldsFor('migrate');
  const command = program
    .command('migrate')
    .description('apply the database migrations (advisory-locked: safe with several writers)')
    .allowUnknownOption()
    .allowExcessArguments();
  addFieldOptions(command, fields);
  command.action(async () => {
    const { sources, problems } = sourcesOf(command, io, fields);
    const loaded = loadWriterSettings(sources, { mode: 'embedded' });
    problems.push(...loaded.problems);
    if (problems.length > 0 || loaded.config === undefined) {
      exit(reportProblems(io, problems));
      return;
    }
    const config = loaded.config;
    try {
      const lock = config.databaseUrl === undefined ? lockDataDir(config.dataDir) : undefined;
      try {
        const { openWriterDatabase } = await import('../pglite-template.js');
        const { database } = await openWriterDatabase({ ...config, dbPoolSize: 1 }, io.env);
        try {
          const { applied, total } = await database.migrate();
          io.out(
            `${describeDatabase(config)}: applied ${applied} migration(s), ${total} in total\n`,
          );
        } finally {
          await database.client.close();
        }
      } finally {
        lock?.release();
      }
      exit(0);
    } catch (error) {
      io.err(`danmaku migrate: ${messageOf(error)}\n`);
      exit(1);
    }
  });
}
