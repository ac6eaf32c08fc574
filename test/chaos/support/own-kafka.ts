import { execFile, spawn } from 'node:child_process';
import { existsSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { repoRoot } from './processes.js';
import { freePort, isAlive } from './own-service.js';

const run = promisify(execFile);
const scripts = `${repoRoot}scripts/kafka`;
const PREFIX = 'chaos-';

/**
 * A Kafka broker of this suite's own (scripts/kafka/start on free ports, run dir
 * .kafka/chaos-<pid>-<n>), so restarting it disturbs no other test. `restart` keeps the data:
 * the start script formats a fresh data dir, so the broker is relaunched with the exact command
 * line it was started with instead.
 */
export class OwnKafka {
  private constructor(
    readonly brokers: string[],
    private readonly runDir: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  static async start(): Promise<OwnKafka> {
    await OwnKafka.stopStale();
    const [port, controllerPort] = [await freePort(), await freePort()];
    const runDir = `${repoRoot}.kafka/${PREFIX}${process.pid}-${port}`;
    const env = {
      ...process.env,
      KAFKA_RUN_DIR: runDir,
      KAFKA_PORT: String(port),
      KAFKA_CONTROLLER_PORT: String(controllerPort),
    };
    const { stdout } = await run('bash', [`${scripts}/start`], { env, timeout: 300_000 });
    return new OwnKafka([stdout.trim().split('\n').pop() ?? `127.0.0.1:${port}`], runDir, env);
  }

  get pid(): number {
    return Number(readFileSync(`${this.runDir}/broker.pid`, 'utf8').trim());
  }

  /**
   * Stops the broker (SIGTERM: controlled shutdown; SIGKILL: a crash), keeps it down for
   * `downMs`, starts it again on the same data and waits until it answers.
   */
  async restart(
    signal: 'SIGTERM' | 'SIGKILL',
    downMs: number,
    whileDown?: () => Promise<void>,
  ): Promise<{ stoppedMs: number }> {
    const pid = this.pid;
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
      .split('\0')
      .filter((a) => a !== '');
    const stopAt = Date.now();
    process.kill(pid, signal);
    for (let waited = 0; isAlive(pid); waited += 100) {
      if (waited > 30_000) process.kill(pid, 'SIGKILL');
      await new Promise((r) => setTimeout(r, 100));
    }
    const stoppedMs = Date.now() - stopAt;
    const downUntil = Date.now() + downMs;
    await whileDown?.();
    await new Promise((r) => setTimeout(r, Math.max(0, downUntil - Date.now())));
    const log = openSync(`${this.runDir}/broker.log`, 'a');
    const child = spawn(argv[0] ?? 'java', argv.slice(1), {
      detached: true,
      stdio: ['ignore', log, log],
    });
    child.unref();
    writeFileSync(`${this.runDir}/broker.pid`, `${child.pid ?? ''}\n`);
    await run(
      process.execPath,
      [`${scripts}/wait-ready.js`, this.brokers[0] ?? '', '120000', String(child.pid)],
      { timeout: 130_000 },
    );
    return { stoppedMs };
  }

  async stop(): Promise<void> {
    await run('bash', [`${scripts}/stop`], { env: this.env, timeout: 60_000 }).catch(
      () => undefined,
    );
  }

  /** Brokers and run dirs left by earlier runs of this suite (their pid is gone). */
  private static async stopStale(): Promise<void> {
    const dir = `${repoRoot}.kafka`;
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const owner = Number(/^chaos-(\d+)-(\d+)$/.exec(name)?.[1]);
      if (!Number.isInteger(owner) || isAlive(owner)) continue;
      const port = name.split('-')[2] ?? '';
      await run('bash', [`${scripts}/stop`], {
        env: { ...process.env, KAFKA_RUN_DIR: `${dir}/${name}`, KAFKA_PORT: port },
      }).catch(() => undefined);
      rmSync(`${dir}/${name}`, { recursive: true, force: true });
    }
  }
}
