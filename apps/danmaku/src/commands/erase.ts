import { createInterface } from 'node:readline';
import type { SqlClient } from '@danmaku/writer';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { withCommandDatabase } from '../command-database.js';
import { addFieldOptions, reportProblems, sourcesOf } from '../command-support.js';
import { fieldsFor } from '../settings/fields.js';
import { loadWriterSettings } from '../settings/load-settings.js';

const INT8_MAX = 9_223_372_036_854_775_807n;

/** A Douyu uid as decimal text, or undefined: uids are positive and fit PostgreSQL's int8. */
export function parseUid(text: string | undefined): string | undefined {
  if (text === undefined || !/^\d{1,19}$/.test(text)) return undefined;
  const n = BigInt(text);
  return n > 0n && n <= INT8_MAX ? n.toString() : undefined;
}

/**
 * `danmaku erase --uid U [--yes]`: prints what it will delete per table, asks on a terminal
 * (without --yes), then deletes the user's rows everywhere and records them in erased_users.
 */
export function registerErase(program: Command, io: CliIo, exit: (code: number) => void): void {
  const fields = fieldsFor('erase');
  const command = program
    .command('erase')
    .description("delete one user's rows from every table; the writer then drops their messages")
    .requiredOption('--uid <uid>', 'the Douyu user id to erase')
    .option('--yes', 'do not ask (required without a terminal)')
    .allowUnknownOption()
    .allowExcessArguments()
    .addHelpText(
      'after',
      '\nThe uid is recorded in erased_users: the writer drops its messages on ingest and on\n' +
        "`danmaku replay`. Kafka's raw topic cannot be rewritten: the bytes stay there until the\n" +
        "topic's retention removes them. Example: danmaku erase --uid 123456",
    );
  addFieldOptions(command, fields);
  command.action(async () => {
    const { sources, problems } = sourcesOf(command, io, fields);
    const flags = command.opts<{ uid: string; yes?: boolean }>();
    const uid = parseUid(flags.uid);
    if (uid === undefined)
      problems.push(`--uid "${flags.uid}" is not a Douyu uid (1..${INT8_MAX})`);
    const loaded = loadWriterSettings(sources, { mode: 'embedded' });
    problems.push(...loaded.problems);
    if (problems.length > 0 || loaded.config === undefined || uid === undefined) {
      return exit(reportProblems(io, problems));
    }
    const stdin = io.stdin?.isTTY === true ? io.stdin : undefined;
    const code = await withCommandDatabase('erase', loaded.config, io, (db) =>
      erase(db, uid, { io, stdin, yes: flags.yes === true }),
    );
    exit(code);
  });
}

interface EraseOptions {
  io: CliIo;
  /** A terminal to ask on; undefined when there is none. */
  stdin: NodeJS.ReadableStream | undefined;
  yes: boolean;
}

async function erase(db: SqlClient, uid: string, o: EraseOptions): Promise<number> {
  const { countUserRows, eraseUser } = await import('@danmaku/writer/database');
  const planned = await countUserRows(db, uid);
  o.io.out(`uid ${uid}: rows to delete\n${formatCounts(planned)}`);
  if (!o.yes) {
    if (o.stdin === undefined) {
      o.io.err('danmaku erase: not a terminal, so nothing is asked: add --yes to erase\n');
      return 2;
    }
    const answer = await ask(o.stdin, o.io, `erase uid ${uid} for good? type "yes": `);
    if (answer.trim().toLowerCase() !== 'yes') {
      o.io.out('not erased: nothing changed\n');
      return 1;
    }
  }
  const deleted = await eraseUser(db, uid);
  const total = [...deleted.values()].reduce((sum, n) => sum + n, 0);
  o.io.out(
    `erased uid ${uid}: ${total} row(s) deleted\n${formatCounts(deleted)}` +
      "recorded in erased_users: the writer drops the uid's messages on ingest and on replay.\n" +
      "Kafka's raw topic still holds the bytes until its retention removes them.\n",
  );
  return 0;
}

function formatCounts(counts: ReadonlyMap<string, number>): string {
  const width = Math.max(...[...counts.keys()].map((t) => t.length));
  return [...counts].map(([table, n]) => `  ${table.padEnd(width)}  ${n}\n`).join('');
}

async function ask(stdin: NodeJS.ReadableStream, io: CliIo, question: string): Promise<string> {
  io.out(question);
  const lines = createInterface({ input: stdin, terminal: false });
  try {
    for await (const line of lines) return line;
    return '';
  } finally {
    lines.close();
  }
}
