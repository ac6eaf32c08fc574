import { execFileSync } from 'node:child_process';
import { basename, dirname, join } from 'node:path';
import { build } from 'esbuild';
import { REPO_ROOT } from './node-child.js';

/**
 * Compiles a benchmark's child script so that it runs as production does: no tsx, and the
 * workspace packages it imports resolved to their tsc-built dist/ (the default export condition),
 * which `tsc -b` brings up to date first. Only the child's own relative imports (the harness) are
 * bundled in; every package stays an import. Returns the .mjs path, beside the source in a
 * git-ignored `.compiled/` folder so that bare imports resolve from bench/node_modules.
 */
export async function compileChild(entry: string, projects: readonly string[]): Promise<string> {
  execFileSync(join(REPO_ROOT, 'node_modules/.bin/tsc'), ['-b', ...projects], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
  const outfile = join(dirname(entry), '.compiled', basename(entry).replace(/\.ts$/, '.mjs'));
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    packages: 'external',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
  return outfile;
}
