// The publishable packages as their users get them (issue 15): `pnpm pack` each one, install the
// tarballs with npm alone in an empty directory outside the workspace, and use them there: a
// 10-line ESM script prints a simulated room's chat, a TypeScript file type-checks against the
// installed types, and the globally installed `danmaku` shows its help and runs the demo.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startSimulator, type Simulator } from '@danmaku/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, killLeftoverJobs, REPO_ROOT, spawnJob } from './cli-support.js';
import { PRINT_CHAT_SCRIPT, TYPES_CHECK_FILE } from './support/tarball-files.js';

const execFileAsync = promisify(execFile);
const PACKAGES = ['packages/protocol', 'packages/runtime', 'packages/client', 'apps/danmaku'];
const TIMEOUT_MS = 300_000;
const root = mkdtempSync(join(tmpdir(), 'danmaku-tarballs-'));
const packs = join(root, 'packs');
const app = join(root, 'app');
const prefix = join(root, 'global');
let tarballs: Record<string, string> = {};
let simulator: Simulator | undefined;

const run = (command: string, args: string[], cwd: string, env = cleanEnv()): string =>
  execFileSync(command, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** npm, offline when its cache has everything, without the workspace's pnpm settings. */
function npm(args: string[], cwd: string): string {
  const env = cleanEnv({ npm_config_prefer_offline: 'true', npm_config_fund: 'false' });
  for (const name of Object.keys(env)) {
    if (/^(npm_config_(?!prefer_offline|fund)|pnpm_)/i.test(name)) delete env[name];
  }
  return run('npm', [...args, '--no-audit'], cwd, env);
}

beforeAll(() => {
  run('pnpm', ['build'], REPO_ROOT);
  mkdirSync(packs);
  mkdirSync(app);
  for (const dir of PACKAGES) {
    run('pnpm', ['pack', '--pack-destination', packs], join(REPO_ROOT, dir));
    const { name, version } = JSON.parse(
      readFileSync(join(REPO_ROOT, dir, 'package.json'), 'utf8'),
    ) as { name: string; version: string };
    tarballs[name] = join(packs, `${name.replace('@', '').replace('/', '-')}-${version}.tgz`);
  }
}, TIMEOUT_MS);

afterAll(async () => {
  await killLeftoverJobs();
  await simulator?.close();
  rmSync(root, { recursive: true, force: true });
  tarballs = {};
});

describe('the libraries from their tarballs', () => {
  beforeAll(() => {
    writeFileSync(join(app, 'package.json'), '{ "private": true, "type": "module" }\n');
    const types = JSON.parse(
      readFileSync(join(REPO_ROOT, 'node_modules/@types/node/package.json'), 'utf8'),
    ) as { version: string };
    const libraries = ['@danmaku/protocol', '@danmaku/runtime', '@danmaku/client'];
    npm(
      ['install', ...libraries.map((name) => tarballs[name] ?? ''), `@types/node@${types.version}`],
      app,
    );
  }, TIMEOUT_MS);

  it('a 10-line ESM script prints a simulated room’s chat', async () => {
    simulator = await startSimulator();
    writeFileSync(join(app, 'print-chat.js'), PRINT_CHAT_SCRIPT);
    expect(PRINT_CHAT_SCRIPT.trim().split('\n').length).toBeLessThanOrEqual(10);
    // Asynchronously: the simulator runs in this process, so a blocking spawn would starve it.
    const printed = await execFileAsync(
      process.execPath,
      ['print-chat.js', simulator.wsUrl(), '9999'],
      { cwd: app, encoding: 'utf8', timeout: 30_000 },
    );
    expect(printed.stdout.split('\n').filter((line) => /^\[.+\]: /.test(line))).toHaveLength(3);
  });

  it('a TypeScript file using the client’s types passes tsc --noEmit', () => {
    writeFileSync(join(app, 'check.ts'), TYPES_CHECK_FILE);
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          target: 'es2022',
          strict: true,
          noEmit: true,
          types: ['node'],
        },
        files: ['check.ts'],
      }),
    );
    const tsc = join(REPO_ROOT, 'node_modules/typescript/bin/tsc');
    const checked = spawnSync(process.execPath, [tsc, '-p', '.'], { cwd: app, encoding: 'utf8' });
    expect(checked.status, checked.stdout).toBe(0);
  });
});

describe('the danmaku command from its tarball (npm install -g)', () => {
  const bin = join(prefix, 'bin', 'danmaku');
  const cacheDir = join(root, 'cache');

  beforeAll(() => {
    // npm 11 runs a global package's install script only when allowed: the PGlite template.
    const allow = Number(run('npm', ['--version'], root).split('.')[0]) >= 11;
    const cli = tarballs['@danmaku/cli'] ?? '';
    const scripts = allow ? ['--allow-scripts=@danmaku/cli'] : [];
    npm(['install', '-g', '--prefix', prefix, ...scripts, cli], root);
  }, TIMEOUT_MS);

  it('`danmaku --help` works', () => {
    expect(run(bin, ['--help'], root)).toMatch(/Usage: danmaku/);
  });

  it(
    '`danmaku run --simulate` writes rows, and stops cleanly on Ctrl-C',
    async () => {
      const env = cleanEnv({
        DANMAKU_DATA_DIR: join(root, 'data'),
        DANMAKU_CACHE_DIR: cacheDir,
        DANMAKU_STATUS_INTERVAL_MS: '500',
      });
      const job = spawnJob(bin, ['run', '--simulate'], env);
      await job.waitForOut(/ \| [1-9][\d,]* rows written/);
      job.interrupt();
      expect(await job.exited).toBe(0);
      expect(job.out()).toMatch(/stopped cleanly: \d+ messages received, [1-9]\d* rows written/);
    },
    TIMEOUT_MS,
  );
});
