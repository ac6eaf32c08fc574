import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { addFieldOptions, messageOf, reportProblems, sourcesOf } from '../command-support.js';
import { withQueryDatabase } from '../query-database.js';
import { fieldsFor } from '../settings/fields.js';
import { loadWriterSettings } from '../settings/load-settings.js';
import { formatRows } from '../sql-table.js';

/**
 * `danmaku sql "SELECT …"`, or statements from stdin (a prompt on a terminal): the same queries
 * on embedded PostgreSQL (PGlite) and on a server, for a newcomer without psql.
 */
export function registerSql(
  program: Command,
  io: CliIo,
  exit: (code: number) => void,
  stdin: NodeJS.ReadableStream = process.stdin,
): void {
  const fields = fieldsFor('sql');
  const command = program
    .command('sql')
    .description('run SQL on the database (PGlite in ./data or DATABASE_URL); stdin when no query')
    .argument('[query]', 'one statement; without it, statements ending in ";" are read from stdin')
    .option('--json', 'rows as JSON lines')
    .addHelpText(
      'after',
      '\nEmbedded PostgreSQL (PGlite) is single-process: while `danmaku run --sql-port` collects\n' +
        'into the same --data-dir, the queries go to its SQL port.\n' +
        'Example: danmaku sql "SELECT * FROM chat_per_minute ORDER BY minute DESC LIMIT 10"',
    );
  addFieldOptions(command, fields);
  command.action(async (query: string | undefined) => {
    const { sources, problems } = sourcesOf(command, io, fields);
    const loaded = loadWriterSettings(sources, { mode: 'embedded' });
    problems.push(...loaded.problems);
    if (problems.length > 0 || loaded.config === undefined)
      return exit(reportProblems(io, problems));
    const config = loaded.config;
    const json = command.opts<{ json?: boolean }>().json === true;
    let failed = false;
    try {
      await withQueryDatabase(config, io.env, async (client, target) => {
        const run = async (text: string) => {
          try {
            const result = await client.query<Record<string, unknown>>(text);
            io.out(formatRows(result.rows, result.rowCount, json));
          } catch (error) {
            failed = true;
            io.err(`ERROR: ${messageOf(error)}\n`);
          }
        };
        if (query !== undefined) await run(query);
        else await readStatements(stdin, io, target, run);
      });
    } catch (error) {
      io.err(`danmaku sql: ${messageOf(error)}\n`);
      return exit(1);
    }
    exit(failed ? 1 : 0);
  });
}

/** Lines up to one ending in `;` make a statement; a terminal gets a prompt. */
async function readStatements(
  stdin: NodeJS.ReadableStream,
  io: CliIo,
  target: string,
  run: (text: string) => Promise<void>,
): Promise<void> {
  const prompt = (stdin as { isTTY?: boolean }).isTTY === true;
  if (prompt) io.out(`${target}\nend statements with ";", Ctrl-D quits\n`);
  const lines = createInterface({ input: stdin, terminal: false });
  let pending = '';
  if (prompt) io.out('danmaku=> ');
  for await (const line of lines) {
    pending += `${line}\n`;
    if (line.trimEnd().endsWith(';')) {
      await run(pending);
      pending = '';
    }
    if (prompt) io.out(pending === '' ? 'danmaku=> ' : 'danmaku-> ');
  }
  if (pending.trim() !== '') await run(pending);
}
