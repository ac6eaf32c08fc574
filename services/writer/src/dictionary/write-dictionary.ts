// `pnpm dictionary:write`: rewrites docs/data-dictionary.md from the data dictionary, then
// migrates a scratch PGlite with the committed migrations and, when its comments differ from the
// dictionary, adds a custom migration (drizzle-kit's journal and snapshot) that sets them.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPglite } from '../create-pglite.js';
import { defaultMigrationsFolder, migrate } from '../migrate.js';
import { pgliteClient } from '../sql-client.js';
import { readDatabaseComments } from './database-comments.js';
import { commentMigration, dictionaryComments } from './dictionary-comments.js';
import { dictionaryDrift } from './dictionary-drift.js';
import { dictionaryMarkdown } from './dictionary-markdown.js';
import { dataDictionary } from './data-dictionary.js';
import { schemaRelations } from './schema-columns.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const markdownPath = join(root, 'docs', 'data-dictionary.md');
writeFileSync(markdownPath, dictionaryMarkdown(dataDictionary, schemaRelations()));
process.stdout.write(`${markdownPath}: rewritten\n`);

const lite = await createPglite();
await migrate(lite);
const db = pgliteClient(lite);
const drift = dictionaryDrift(dictionaryComments(dataDictionary), await readDatabaseComments(db));
await db.close();
if (drift.missingInDatabase.length > 0 || drift.undescribed.length > 0) {
  process.stderr.write(
    `the dictionary and the migrated schema disagree (generate the schema migration first, ` +
      `then describe every column):\n  not in the database: ${drift.missingInDatabase.join(', ') || '-'}\n` +
      `  not in the dictionary: ${drift.undescribed.join(', ') || '-'}\n`,
  );
  process.exit(1);
}
if (drift.changed.length === 0) {
  process.stdout.write('comments: the migrations already set every comment of the dictionary\n');
  process.exit(0);
}
execFileSync('pnpm', ['exec', 'drizzle-kit', 'generate', '--custom', '--name', 'data_dictionary'], {
  cwd: root,
  stdio: 'inherit',
});
const journal = JSON.parse(
  readFileSync(join(defaultMigrationsFolder, 'meta', '_journal.json'), 'utf8'),
) as { entries: { tag: string }[] };
const tag = journal.entries.at(-1)?.tag ?? '';
const header =
  '-- Custom migration written by `pnpm dictionary:write`: the COMMENTs that the data dictionary\n' +
  '-- (services/writer/src/dictionary) gives and the earlier migrations did not set.';
writeFileSync(join(defaultMigrationsFolder, `${tag}.sql`), commentMigration(drift.changed, header));
process.stdout.write(`migrations/${tag}.sql: ${drift.changed.length} comments\n`);
