import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { addFieldOptions, messageOf, reportProblems, sourcesOf } from '../command-support.js';
import { lockOrSqlUrl } from '../data-dir-lock.js';
import { fieldsFor } from '../settings/fields.js';
import { loadWriterSettings } from '../settings/load-settings.js';

/**
 * `danmaku export --table T --format csv|ndjson|parquet -o FILE`: one table or view, streamed
 * through a cursor in constant memory, from PGlite in the data dir or from DATABASE_URL.
 */
export function registerExport(program: Command, io: CliIo, exit: (code: number) => void): void {
  const fields = fieldsFor('export');
  const command = program
    .command('export')
    .description('write a table or view to CSV, NDJSON or Parquet, streamed in constant memory')
    .option('--table <table>', 'a table or view (`danmaku describe` lists them)')
    .option('--format <format>', 'csv, ndjson or parquet')
    .option('-o, --output <file>', 'the file to write; - is stdout (csv and ndjson)')
    .option('--room <id>', 'only rows of this room (tables and views with room_id)')
    .option('--from <time>', 'only rows at or after this time (ISO 8601; UTC unless an offset)')
    .option('--to <time>', 'only rows before this time')
    .option('--force', 'overwrite the file if it exists')
    .option('--batch-rows <n>', 'rows per fetch and per Parquet row group (memory)', '10000')
    .allowUnknownOption()
    .allowExcessArguments()
    .addHelpText('after', EXPORT_HELP);
  addFieldOptions(command, fields);
  command.action(async () => {
    const { sources, problems } = sourcesOf(command, io, fields);
    const { parseExportFlags } = await import('../export/export-request.js');
    const request = parseExportFlags(command.opts(), problems);
    const loaded = loadWriterSettings(sources, { mode: 'embedded' });
    problems.push(...loaded.problems);
    if (
      request !== undefined &&
      request.output !== '-' &&
      !request.force &&
      existsSync(request.output)
    )
      problems.push(`-o ${request.output} exists: add --force to overwrite it`);
    if (problems.length > 0 || loaded.config === undefined || request === undefined)
      return exit(reportProblems(io, problems));
    let config = loaded.config;
    try {
      if (config.databaseUrl === undefined && !existsSync(join(config.dataDir, 'PG_VERSION'))) {
        io.err(
          `danmaku export: no database in ${config.dataDir} yet: \`danmaku run\` creates it\n`,
        );
        return exit(1);
      }
      const local = config.databaseUrl === undefined ? lockOrSqlUrl(config.dataDir) : undefined;
      if (local !== undefined && 'url' in local) config = { ...config, databaseUrl: local.url };
      const lock = local !== undefined && 'lock' in local ? local.lock : undefined;
      const { openWriterDatabase } = await import('../pglite-template.js');
      const { runExport } = await import('../export/export-run.js');
      const { database } = await openWriterDatabase({ ...config, dbPoolSize: 1 }, io.env);
      try {
        await runExport(database.client, request, {
          err: io.err,
          out: io.out,
          progressBar: io.stderrIsTTY === true,
          ...(io.stdout === undefined ? {} : { stdout: io.stdout }),
        });
      } finally {
        await database.client.close().catch(() => undefined);
        lock?.release();
      }
    } catch (error) {
      io.err(`danmaku export: ${messageOf(error)}\n`);
      return exit(1);
    }
    exit(0);
  });
}

const EXPORT_HELP = `
Tables: the event tables (chat_messages, gifts, user_entries, room_events), the bookkeeping
tables and the views. --from/--to filter the row's time (received_at for events; day, minute
or the first time column otherwise) as [from, to). Rows come in storage order.
Values are exact: times are ISO 8601 UTC with microseconds (Parquet: TIMESTAMP micros, UTC),
bytea is PostgreSQL's hex text \\x0a1b (Parquet: binary), jsonb is JSON, int8 is a JSON string
of its digits in NDJSON (Parquet: INT64), NULL stays NULL (CSV: an empty unquoted field; an
empty string is ""). CSV is RFC 4180 with a header; Parquet is zstd, one row group per
batch (--batch-rows). A progress bar shows on a terminal (stderr), else one summary line.
Example: danmaku export --table chat_messages --room 9999 --from 2026-05-01 --format parquet -o chat.parquet`;
