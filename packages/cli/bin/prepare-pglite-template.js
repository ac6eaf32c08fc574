#!/usr/bin/env node
// postinstall of @danmaku/cli: prepares the embedded database template, so that the first
// `danmaku run` on a fresh ./data restores an initialised PostgreSQL directory instead of
// running PGlite's initdb (several seconds of CPU). Best effort: it never fails the install.
// Skipped with DANMAKU_SKIP_PGLITE_TEMPLATE=1 (the Docker build sets it), and when a template
// is already cached (after a PGlite upgrade, the first `danmaku run` writes the new one).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const env = process.env;
const cache =
  env['DANMAKU_CACHE_DIR'] ?? join(env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'danmaku');

function cached() {
  try {
    return readdirSync(cache).some((name) => /^pglite-[0-9a-f]+\.tgz$/.test(name));
  } catch {
    return false;
  }
}

if (env['DANMAKU_SKIP_PGLITE_TEMPLATE'] !== '1' && !cached()) {
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
