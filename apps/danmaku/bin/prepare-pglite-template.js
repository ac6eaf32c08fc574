#!/usr/bin/env node
// postinstall of @danmaku/cli: prepares the embedded database template, so that the first
// `danmaku run` on a fresh ./data restores an initialised PostgreSQL directory instead of
// running PGlite's initdb (several seconds of CPU). Best effort: it never fails the install.
// Skipped with DANMAKU_SKIP_PGLITE_TEMPLATE=1 (the Docker build sets it). The command itself
// returns at once when the template for this PGlite build and these migrations is cached.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const env = process.env;

if (env['DANMAKU_SKIP_PGLITE_TEMPLATE'] !== '1') {
  const cli = fileURLToPath(new URL('./danmaku.js', import.meta.url));
  const result = spawnSync(process.execPath, [cli, 'pglite-template'], {
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 180_000,
  });
  if (result.status !== 0) {
    process.stderr.write(
      'danmaku: no PGlite template prepared; the first `danmaku run` runs initdb\n',
    );
  }
}
