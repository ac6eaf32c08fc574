import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

const ENTRIES = {
  writer: fileURLToPath(new URL('./writer-main.ts', import.meta.url)),
  collector: fileURLToPath(new URL('./collector-main.ts', import.meta.url)),
} as const;

export interface ServiceProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** The last lines it printed (stdout and stderr), for failure messages and log checks. */
  readonly lines: string[];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the first printed line matching `pattern`. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  isRunning(): boolean;
}

const MAX_LINES = 2_000;
const running = new Set<ServiceProcess>();

/**
 * Starts a writer or collector as its own process: node with tsx's loader, not the tsx CLI, so
 * that `kill -9` hits the service itself and leaves no orphan behind.
 */
export function spawnService(
  kind: keyof typeof ENTRIES,
  name: string,
  env: Record<string, string>,
): ServiceProcess {
  const child = spawn(
    process.execPath,
    ['--conditions=@danmaku/source', '--import', 'tsx', ENTRIES[kind]],
    {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines: string[] = [];
  const watchers = new Set<{ pattern: RegExp; resolve: (line: string) => void }>();
  let partial = '';
  const onData = (chunk: Buffer): void => {
    const text = partial + chunk.toString();
    const parts = text.split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      if (lines.length > MAX_LINES) lines.splice(0, lines.length - MAX_LINES);
      for (const w of watchers) {
        if (w.pattern.test(line)) {
          watchers.delete(w);
          w.resolve(line);
        }
      }
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  let alive = true;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      alive = false;
      resolve({ code, signal });
    }),
  );
  const proc: ServiceProcess = {
    name,
    child,
    lines,
    exited,
    isRunning: () => alive,
    waitForLine: (pattern, timeoutMs = 60_000) => {
      const seen = lines.find((line) => pattern.test(line));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => {
          watchers.delete(watcher);
          reject(
            new Error(
              `${name}: no line matching ${String(pattern)} in ${timeoutMs} ms\n${tail(proc)}`,
            ),
          );
        }, timeoutMs);
        const watcher = {
          pattern,
          resolve: (line: string) => {
            clearTimeout(timer);
            resolve(line);
          },
        };
        watchers.add(watcher);
        void exited.then(() => {
          if (!watchers.has(watcher)) return;
          watchers.delete(watcher);
          clearTimeout(timer);
          reject(new Error(`${name} exited before printing ${String(pattern)}\n${tail(proc)}`));
        });
      });
    },
  };
  running.add(proc);
  void exited.then(() => running.delete(proc));
  return proc;
}

/** SIGKILL: no shutdown code runs, sockets are closed by the kernel. */
export async function killHard(proc: ServiceProcess): Promise<void> {
  proc.child.kill('SIGKILL');
  await proc.exited;
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code (null if killed). */
export async function stopGracefully(
  proc: ServiceProcess,
  graceMs = 20_000,
): Promise<number | null> {
  if (!proc.isRunning()) return (await proc.exited).code;
  proc.child.kill('SIGTERM');
  const timer = setTimeout(() => proc.child.kill('SIGKILL'), graceMs);
  const { code } = await proc.exited;
  clearTimeout(timer);
  return code;
}

/** For afterAll: every service still running is killed. */
export async function killAllServices(): Promise<void> {
  await Promise.all([...running].map((proc) => killHard(proc)));
}

export function tail(proc: ServiceProcess, count = 40): string {
  return `--- last lines of ${proc.name}:\n${proc.lines.slice(-count).join('\n')}`;
}
