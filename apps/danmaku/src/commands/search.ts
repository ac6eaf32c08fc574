import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { addFieldOptions, messageOf, reportProblems, sourcesOf } from '../command-support.js';
import { withQueryDatabase } from '../query-database.js';
import {
  DEFAULT_SEARCH_LIMIT,
  MAX_SEARCH_LIMIT,
  parseSearchFilter,
  type SearchFlags,
} from '../search/search-query.js';
import { fieldsFor } from '../settings/fields.js';
import { loadWriterSettings } from '../settings/load-settings.js';
import { formatRows } from '../sql-table.js';

/**
 * `danmaku search <text>`: chat messages containing the text (any case), newest first, through
 * the trigram index on chat_messages.text; on PGlite or a server, like `danmaku sql`.
 */
export function registerSearch(program: Command, io: CliIo, exit: (code: number) => void): void {
  const fields = fieldsFor('search');
  const command = program
    .command('search')
    .description('chat messages containing a text (any case), newest first')
    .argument('<text>', 'found anywhere in the message; % and _ match only themselves')
    .option('--room <id>', 'only this room')
    .option('--from <time>', 'received at or after: ISO 8601, or a duration ago (2h, 1d)')
    .option('--to <time>', 'received before: ISO 8601, or a duration ago')
    .option('--user <uid>', "only this user's messages (Douyu uid)")
    .option(
      '--limit <n>',
      `at most n rows (default ${DEFAULT_SEARCH_LIMIT}, at most ${MAX_SEARCH_LIMIT})`,
    )
    .option('--json', 'rows as JSON lines')
    .addHelpText(
      'after',
      '\nThe trigram index (pg_trgm) answers texts of three characters or more; a shorter one\n' +
        'reads every message in range, so narrow it with --room and --from/--to.\n' +
        'No match prints "(0 rows)" and exits 0; when --limit rows are shown there may be more.\n' +
        'Example: danmaku search 主播好 --room 288016 --from 2026-05-01 --to 2026-05-02',
    );
  addFieldOptions(command, fields);
  command.action(async (text: string) => {
    const { sources, problems } = sourcesOf(command, io, fields);
    const flags = command.opts<SearchFlags & { json?: boolean }>();
    const filter = parseSearchFilter(text, flags, Date.now(), problems);
    const loaded = loadWriterSettings(sources, { mode: 'embedded' });
    problems.push(...loaded.problems);
    if (problems.length > 0 || loaded.config === undefined || filter === undefined)
      return exit(reportProblems(io, problems));
    try {
      const { chatSearchStatement } = await import('@danmaku/writer/database');
      const statement = chatSearchStatement(filter);
      const rows = await withQueryDatabase(loaded.config, io.env, async (client) => {
        const result = await client.query<Record<string, unknown>>(
          statement.text,
          statement.values,
        );
        return result.rows;
      });
      io.out(formatRows(rows, rows.length, flags.json === true));
      if (rows.length === filter.limit)
        io.err(
          `danmaku search: the newest ${filter.limit} shown; there may be more ` +
            '(--limit, or narrow with --room, --from, --to)\n',
        );
    } catch (error) {
      io.err(`danmaku search: ${messageOf(error)}\n`);
      return exit(1);
    }
    exit(0);
  });
}
