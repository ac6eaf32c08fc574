// Helpers for the `danmaku` CLI suites: run a command in-process with captured output and a
// controllable Ctrl-C, or spawn the real command line as a user would.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { runCli, type CliIo } from '@danmaku/cli';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DANMAKU_BIN = fileURLToPath(
  new URL('../apps/danmaku/bin/danmaku.js', import.meta.url),
);

export interface InProcessRun {
  /** Resolves with the exit code. */
  readonly done: Promise<number>;
  out(): string;
  err(): string;
  /** What Ctrl-C does to the real process: the command's waitForStop resolves. */
  interrupt(): void;
}

/** Runs `danmaku <argv>` inside the test process with its own env and captured output. */
export function runInProcess(
  argv: readonly string[],
  env: Record<string, string | undefined> = {},
): InProcessRun {
  let out = '';
  let err = '';
  let interrupt: (signal: string) => void = () => undefined;
  const stop = new Promise<string>((resolve) => (interrupt = resolve));
  const io: CliIo = {
    env,
    out: (text) => void (out += text),
    err: (text) => void (err += text),
    isTTY: false,
    waitForStop: () => stop,
  };
  return {
    done: runCli(argv, io),
    out: () => out,
    err: () => err,
    interrupt: () => interrupt('SIGINT'),
  };
}

export interface SpawnedRun {
  readonly child: ChildProcess;
  /** Resolves with the exit code (or the signal name). */
  readonly exited: Promise<number | string>;
  out(): string;
  err(): string;
  waitForOut(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** SIGINT to the whole process group, as Ctrl-C in a terminal does. */
  interrupt(): void;
  kill(): void;
}

const liveJobs = new Set<SpawnedRun>();

/** SIGKILLs every spawned job still running (afterAll of a suite whose test failed midway). */
export async function killLeftoverJobs(): Promise<void> {
  for (const job of liveJobs) {
    job.kill();
    await job.exited;
  }
}

/** Spawns a command in its own process group, like a shell job. */
export function spawnJob(
  command: string,
  args: readonly string[],
  env: Record<string, string | undefined>,
): SpawnedRun {
  const child = spawn(command, args, {
    cwd: REPO_ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  const signalGroup = (signal: NodeJS.Signals) => {
    if (child.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(-child.pid, signal);
      } catch {
        // Already gone.
      }
    }
  };
  const job: SpawnedRun = {
    child,
    exited,
    out: () => out,
    err: () => err,
    async waitForOut(pattern, timeoutMs = 90_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = out.match(pattern);
        if (match !== null) return match;
        if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
          const why = Date.now() > deadline ? `not seen in ${timeoutMs} ms` : 'process exited';
          throw new Error(`${pattern}: ${why}\nstdout:\n${out}\nstderr:\n${err}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    interrupt: () => signalGroup('SIGINT'),
    kill: () => signalGroup('SIGKILL'),
  };
  liveJobs.add(job);
  void exited.then(() => liveJobs.delete(job));
  return job;
}

/** An environment without the caller's danmaku settings, plus `extra`. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'KAFKA_BROKERS', 'ROOMS', 'DANMAKU_CONFIG']) {
    delete env[name];
  }
  return { ...env, ...extra };
}

/** A TCP port that was free a moment ago. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
