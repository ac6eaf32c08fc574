import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { messageOf } from '../command-support.js';
import { existsSync } from 'node:fs';

/** Hidden: the postinstall step (bin/prepare-pglite-template.js) that fills the template cache. */
export function registerTemplate(program: Command, io: CliIo, exit: (code: number) => void): void {
  program
    .command('pglite-template', { hidden: true })
    .description('write the initialised, migrated PGlite data directory used by fresh data dirs')
    .action(async () => {
      try {
        const { templatePath, writeTemplate } = await import('../pglite-template.js');
        const current = templatePath(io.env);
        if (existsSync(current)) {
          io.out(`danmaku: PGlite template up to date: ${current}\n`);
          exit(0);
          return;
        }
        const started = Date.now();
        const path = await writeTemplate(io.env);
        io.out(`danmaku: PGlite template ready in ${Date.now() - started} ms: ${path}\n`);
        exit(0);
      } catch (error) {
        io.err(`danmaku pglite-template: ${messageOf(error)}\n`);
        exit(1);
      }
    });
}
