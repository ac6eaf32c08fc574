import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What the running program is: its package version and the git commit it was built from. */
export interface BuildInfo {
  version: string;
  /** A commit hash, or 'unknown' when neither the build nor git could tell. */
  commit: string;
}

// Replaced by the CLI bundle (apps/danmaku/scripts/build-cli.js, esbuild `define`); undeclared
// when running from source or from a package's tsc output, hence the typeof checks.
declare const __DANMAKU_BUILD_VERSION__: string | undefined;
declare const __DANMAKU_BUILD_COMMIT__: string | undefined;

let cached: BuildInfo | undefined;

/** The bundle's stamp, else the version of the program's package and `git rev-parse HEAD`. */
export function buildInfo(): BuildInfo {
  cached ??= {
    version:
      typeof __DANMAKU_BUILD_VERSION__ === 'string' ? __DANMAKU_BUILD_VERSION__ : sourceVersion(),
    commit: typeof __DANMAKU_BUILD_COMMIT__ === 'string' ? __DANMAKU_BUILD_COMMIT__ : gitCommit(),
  };
  return cached;
}

/**
 * From source the program is the workspace package of the main module (e.g. `tsx
 * services/collector/src/main.ts`); anything else (a test runner) reports this kit's version.
 */
function sourceVersion(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const main = process.argv[1];
  const own = packageOf(here);
  const program = main === undefined ? undefined : packageOf(dirname(main));
  const chosen = program?.name?.startsWith('@danmaku/') === true ? program : own;
  return chosen?.version ?? 'unknown';
}

function packageOf(start: string): { name?: string; version?: string } | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    try {
      return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
    } catch {
      if (dirname(dir) === dir) return undefined;
    }
  }
}

function gitCommit(): string {
  try {
    const out = execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd: dirname(fileURLToPath(import.meta.url)),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 2_000,
    }).trim();
    return /^[0-9a-f]{40,64}$/.test(out) ? out : 'unknown';
  } catch {
    return 'unknown';
  }
}
