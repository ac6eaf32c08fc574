import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface NodeChildOptions {
  /** Prefix of forwarded output lines. */
  name: string;
  env?: Record<string, string | undefined>;
  /** Extra node flags (`--expose-gc`, `--cpu-prof`, …); tsx's loader is always registered. */
  nodeArgs?: string[];
  /** Soft file-descriptor limit to raise to (capped at the hard limit when that is lower). */
  fdLimit?: number;
  cwd?: string;
  /** Forward stderr lines (default true); stdout lines that are not JSON are always forwarded. */
  echoStderr?: boolean;
  /** Register tsx's loader (default true); off for launchers that register it themselves. */
  tsx?: boolean;
}

type JsonLine = Record<string, unknown>;

/**
 * A Node process running a TypeScript file through tsx's loader in the same process (so its pid
 * is the one whose /proc we read), started from bash so `ulimit -n` can raise its fd limit first.
 * JSON lines on stdout are the child's reports; everything else is forwarded with a prefix.
 */
export class NodeChild {
  readonly process: ChildProcess;
  readonly name: string;
  readonly exited: Promise<number | null>;
  readonly #json: JsonLine[] = [];
  readonly #waiters: Array<{ match: (l: JsonLine) => boolean; resolve: (l: JsonLine) => void }> =
    [];

  constructor(script: string, args: readonly string[], options: NodeChildOptions) {
    this.name = options.name;
    const limit = options.fdLimit ?? 0;
    const raise = limit > 0 ? `ulimit -n ${limit} 2>/dev/null || ulimit -n hard; ` : '';
    this.process = spawn(
      'bash',
      [
        '-c',
        `${raise}exec "$0" "$@"`,
        process.execPath,
        ...(options.nodeArgs ?? []),
        // BENCH_TSX_IMPORT swaps the loader (e.g. a tsx build without esbuild's keepNames).
        // The @danmaku/source condition resolves workspace packages to their sources, as in tests.
        ...(options.tsx === false
          ? []
          : ['--conditions=@danmaku/source', '--import', process.env['BENCH_TSX_IMPORT'] ?? 'tsx']),
        script,
        ...args,
      ],
      {
        cwd: options.cwd ?? REPO_ROOT,
        env: { ...process.env, ...options.env },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    this.exited = once(this.process, 'exit').then(([code]) => code as number | null);
    createInterface({ input: this.process.stdout! }).on('line', (line) => this.#line(line));
    const echo = options.echoStderr ?? true;
    createInterface({ input: this.process.stderr! }).on('line', (line) => {
      if (echo) process.stderr.write(`[${this.name}] ${line}\n`);
    });
  }

  get pid(): number {
    return this.process.pid ?? -1;
  }

  /** The first JSON line on stdout (already seen or still to come) that matches. */
  waitFor(match: (line: JsonLine) => boolean, timeoutMs = 120_000): Promise<JsonLine> {
    const seen = this.#json.find(match);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${this.name}: no matching report within ${timeoutMs} ms`)),
        timeoutMs,
      );
      const failed = (code: number | null) =>
        reject(new Error(`${this.name} exited (code ${code}) before reporting`));
      void this.exited.then(failed);
      this.#waiters.push({
        match,
        resolve: (line) => {
          clearTimeout(timer);
          resolve(line);
        },
      });
    });
  }

  /** Sends a JSON command line to the child's stdin. */
  send(command: JsonLine): void {
    this.process.stdin?.write(`${JSON.stringify(command)}\n`);
  }

  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code. */
  async stop(graceMs = 15_000): Promise<number | null> {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return this.exited;
    this.process.kill('SIGTERM');
    const timer = setTimeout(() => this.process.kill('SIGKILL'), graceMs);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }

  /** SIGKILL at once (no graceful shutdown); resolves with the exit code. */
  kill(): Promise<number | null> {
    if (this.process.exitCode === null && this.process.signalCode === null) {
      this.process.kill('SIGKILL');
    }
    return this.exited;
  }

  #line(line: string): void {
    let parsed: JsonLine | undefined;
    if (line.startsWith('{')) {
      try {
        parsed = JSON.parse(line) as JsonLine;
      } catch {
        parsed = undefined;
      }
    }
    if (parsed === undefined) {
      process.stderr.write(`[${this.name}] ${line}\n`);
      return;
    }
    this.#json.push(parsed);
    for (const waiter of [...this.#waiters]) {
      if (waiter.match(parsed)) {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        waiter.resolve(parsed);
      }
    }
  }
}

/** Reads JSON command lines from stdin (the other end of NodeChild.send). */
export function onCommands(handle: (command: Record<string, unknown>) => void): void {
  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line.trim() !== '') handle(JSON.parse(line) as Record<string, unknown>);
  });
}

/** Writes one JSON report line for the parent. */
export function report(line: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}
