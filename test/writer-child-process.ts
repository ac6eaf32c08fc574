import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const childEntry = fileURLToPath(new URL('./writer-child.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export interface WriterChild {
  child: ChildProcess;
  exited: Promise<number | null>;
}

/**
 * A writer as its own process (test/writer-child.ts) with `env` on top of this one's: node itself
 * with tsx's loader, not the tsx CLI, so SIGKILL hits the writer rather than a wrapper that would
 * leave it orphaned. It joins `children` until it exits; its stderr (JSON log lines) goes to `logs`.
 */
export function startWriterChild(
  env: Record<string, string>,
  children: Set<ChildProcess>,
  logs: string[],
): WriterChild {
  const child = spawn(
    process.execPath,
    ['--conditions=@danmaku/source', '--import', 'tsx', childEntry],
    { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.add(child);
  child.stdout?.resume();
  child.stderr?.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  void exited.then(() => children.delete(child));
  return { child, exited };
}
