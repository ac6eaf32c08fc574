// `pnpm settings:readme`: rewrites the configuration table of README.md from the settings table.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { withConfigurationTable } from './readme-table.js';

const readmePath = fileURLToPath(new URL('../../../../README.md', import.meta.url));
writeFileSync(readmePath, withConfigurationTable(readFileSync(readmePath, 'utf8')));
process.stdout.write(`${readmePath}: configuration table rewritten\n`);
