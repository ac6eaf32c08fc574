// What the CLI bundle was built from: the newest modification time and the number of the
// workspace sources it inlines. A `git pull` or checkout rewrites the files it changes (new
// mtime) and removes the ones it drops (new count), so either figure moving means dist/ is stale.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WORKSPACE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const STAMP_FILE = fileURLToPath(new URL('../dist/cli/source-stamp.json', import.meta.url));

const GROUPS = ['apps', 'packages', 'services', 'tools'];
const EXTRA = ['migrations', 'pnpm-lock.yaml'];

function walk(path, stamp) {
  const info = statSync(path);
  if (info.isDirectory()) {
    for (const name of readdirSync(path)) walk(join(path, name), stamp);
    return;
  }
  stamp.count += 1;
  stamp.newestMs = Math.max(stamp.newestMs, Math.floor(info.mtimeMs));
}

/** The stamp of the sources as they are now on disk. */
export function currentStamp(root = WORKSPACE_ROOT) {
  const stamp = { newestMs: 0, count: 0 };
  for (const group of GROUPS) {
    for (const name of readdirSync(join(root, group))) {
      const src = join(root, group, name, 'src');
      const manifest = join(root, group, name, 'package.json');
      try {
        walk(src, stamp);
        walk(manifest, stamp);
      } catch {
        // a folder without src/ (or a stray file) holds nothing the bundle inlines
      }
    }
  }
  for (const extra of EXTRA) walk(join(root, extra), stamp);
  return stamp;
}

/** Why dist/ must be rebuilt before it runs, or undefined when it matches the sources. */
export function staleReason() {
  let built;
  try {
    built = JSON.parse(readFileSync(STAMP_FILE, 'utf8'));
  } catch {
    return 'no build yet';
  }
  const now = currentStamp();
  if (now.newestMs !== built.newestMs || now.count !== built.count) {
    return 'sources changed since the last build';
  }
  return undefined;
}
