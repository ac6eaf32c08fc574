#!/usr/bin/env node
// The `danmaku` command: compiled JavaScript (dist/cli, see scripts/build-cli.js), no TypeScript
// at run time. In a workspace checkout (src/ beside bin/) a bundle older than the sources is
// rebuilt first, so a `git pull` can never run stale code; an installed package has no src/.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (existsSync(new URL('../src/', import.meta.url))) {
  const { staleReason } = await import('../scripts/source-stamp.js');
  const reason = staleReason();
  if (reason !== undefined) {
    process.stderr.write(`danmaku: building dist/cli (${reason})\n`);
    const script = new URL('../scripts/build-cli.js', import.meta.url);
    const built = spawnSync(process.execPath, [script.pathname], {
      stdio: ['ignore', 2, 2],
    });
    if (built.status !== 0) process.exit(built.status ?? 1);
  }
}
await import('../dist/cli/main.js');
