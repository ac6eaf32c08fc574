import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { withCommandDatabase } from '../command-database.js';
import { addFieldOptions, messageOf, reportProblems, sourcesOf } from '../command-support.js';
import { fieldsFor } from '../settings/fields.js';
import { loadWriterSettings } from '../settings/load-settings.js';

/** `danmaku gifts import FILE.json`: Douyu's room gift list into gift_catalogue. */
export function registerGifts(program: Command, io: CliIo, exit: (code: number) => void): void {
  const fields = fieldsFor('gifts');
  const gifts = program
    .command('gifts')
    .description('the gift catalogue (gift id → name and price) that gift_value_daily uses');
  const command = gifts
    .command('import')
    .description("load Douyu's room gift list (JSON) into gift_catalogue; a re-import updates it")
    .argument('<file>', 'the JSON of the room gift list: {"error":0,"data":{"giftList":[…]}}')
    .allowUnknownOption()
    .allowExcessArguments()
    .addHelpText(
      'after',
      '\nThe file is the answer of the gift list web API that Douyu clients read per room (an example:\n' +
        'fixtures/douyu/gift-list.json). Every bad entry is listed and nothing is imported (exit 2).\n' +
        'Example: danmaku gifts import gift-list.json',
    );
  addFieldOptions(command, fields);
  command.action(async (file: string) => {
    const { sources, problems } = sourcesOf(command, io, fields);
    const loaded = loadWriterSettings(sources, { mode: 'embedded' });
    problems.push(...loaded.problems);
    if (problems.length > 0 || loaded.config === undefined) {
      return exit(reportProblems(io, problems));
    }
    const { parseGiftList, importGifts } = await import('@danmaku/writer/database');
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      io.err(`danmaku gifts import: ${file}: ${messageOf(error)}\n`);
      return exit(2);
    }
    const parsed = parseGiftList(json);
    if (parsed.problems.length > 0) {
      const list = parsed.problems.map((p) => `  - ${p}`).join('\n');
      io.err(
        `danmaku gifts import: ${file}: ${parsed.problems.length} problem(s), nothing imported:\n${list}\n`,
      );
      return exit(2);
    }
    const code = await withCommandDatabase('gifts import', loaded.config, io, async (db) => {
      const counts = await importGifts(db, parsed.gifts);
      io.out(
        `gift_catalogue: ${parsed.gifts.length} gift(s) in ${file}: ${counts.inserted} new, ` +
          `${counts.updated} updated, ${counts.unchanged} unchanged\n`,
      );
      return 0;
    });
    exit(code);
  });
}
