#!/usr/bin/env node
// Builds the `danmaku` command into dist/cli: one ESM bundle of the CLI and every workspace
// package it composes, read from their sources (the @danmaku/source condition), with the
// registry dependencies left as imports. Bundling is what lets `npm install -g` install the
// command from one tarball: its dependencies are then registry packages only. Each command's
// module is a separate chunk (dynamic imports), so a command loads only what it uses.
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { currentStamp, WORKSPACE_ROOT } from './source-stamp.js';

const app = fileURLToPath(new URL('../', import.meta.url));
const outdir = `${app}dist/cli`;
const staging = `${app}dist/cli.${process.pid}.tmp`;

/**
 * Inlined as well: zod, which every command's settings use. As its 200-odd ES modules it costs
 * half of `danmaku --help`; inlined, only the parts in use load, from one file. And
 * pglite-socket (`danmaku run --sql-port`, 12 KB, no runtime imports but node:net): as a registry
 * dependency its exact peer PGlite (0.5.14) and its seven PGlite extension peers make npm install
 * a second, unused PGlite beside ours; inlined, it runs on the CLI's own PGlite. Its Apache-2.0
 * licence ships beside the bundle.
 */
const INLINED = [/^@danmaku\//, /^zod(\/|$)/, /^@electric-sql\/pglite-socket$/];

/** Workspace packages (and INLINED) are bundled; every other bare import stays external. */
const externalRegistryPackages = {
  name: 'external-registry-packages',
  setup(context) {
    context.onResolve({ filter: /^[^./]/ }, (args) =>
      INLINED.some((pattern) => pattern.test(args.path))
        ? undefined
        : { path: args.path, external: true },
    );
  },
};

/** Fails the build when the bundle imports a registry package the CLI does not depend on. */
function checkDependencies(metafile) {
  const manifest = JSON.parse(readFileSync(`${app}package.json`, 'utf8'));
  const missing = new Set();
  for (const output of Object.values(metafile.outputs)) {
    for (const { path, external } of output.imports) {
      if (!external || path.startsWith('node:') || builtinModules.includes(path)) continue;
      const name = path
        .split('/')
        .slice(0, path.startsWith('@') ? 2 : 1)
        .join('/');
      if (manifest.dependencies?.[name] === undefined) missing.add(name);
    }
  }
  if (missing.size > 0) {
    throw new Error(`apps/danmaku/package.json lacks dependencies: ${[...missing].join(', ')}`);
  }
}

/**
 * The commit the bundle is built from, for danmaku_build_info: DANMAKU_BUILD_COMMIT when set
 * (an image build has no .git in its context and passes it as a build ARG; an explicit value
 * also beats whatever git would say), else `git rev-parse HEAD`, else 'unknown'.
 */
function buildCommit() {
  const given = process.env.DANMAKU_BUILD_COMMIT?.trim();
  if (given) return given;
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd: WORKSPACE_ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 5_000,
    }).trim();
  } catch {
    return 'unknown';
  }
}

const stamp = currentStamp();
const { version } = JSON.parse(readFileSync(`${app}package.json`, 'utf8'));
rmSync(staging, { recursive: true, force: true });
const result = await build({
  absWorkingDir: app,
  entryPoints: { main: 'src/main.ts', index: 'src/index.ts' },
  outdir: staging,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  conditions: ['@danmaku/source'],
  sourcemap: true,
  chunkNames: '[name]-[hash]',
  logLevel: 'warning',
  plugins: [externalRegistryPackages],
  // Read by @danmaku/runtime buildInfo() (danmaku_build_info on every /metrics).
  define: {
    __DANMAKU_BUILD_VERSION__: JSON.stringify(version),
    __DANMAKU_BUILD_COMMIT__: JSON.stringify(buildCommit()),
  },
  metafile: true,
});
checkDependencies(result.metafile);
// The writer finds its migrations beside the module that runs it (see services/writer migrate.ts).
cpSync(`${WORKSPACE_ROOT}migrations`, `${staging}/migrations`, { recursive: true });
const socketLicence = new URL('../LICENSE', import.meta.resolve('@electric-sql/pglite-socket'));
cpSync(fileURLToPath(socketLicence), `${staging}/pglite-socket.LICENSE`);
writeFileSync(`${staging}/source-stamp.json`, `${JSON.stringify(stamp)}\n`);
// Swap the whole folder so that a process starting meanwhile never sees half a build; when two
// stale starts build at once, the second finds the first's complete folder and drops its own.
const old = `${outdir}.${process.pid}.old`;
try {
  renameSync(outdir, old);
} catch {
  // first build, or another build is swapping right now
}
try {
  renameSync(staging, outdir);
} catch {
  rmSync(staging, { recursive: true, force: true });
}
rmSync(old, { recursive: true, force: true });
