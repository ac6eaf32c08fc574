import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import { freePort, pidAlive, probeUntil, run } from './local-process.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const scriptsDir = `${repoRoot}scripts/kafka`;
const runsDir = `${repoRoot}.kafka`;
const runPrefix = 'vitest-';

export interface OwnedBroker {
  brokers: string[];
  stop: () => Promise<void>;
}

async function describeCluster(brokers: string[]): Promise<void> {
  const kafka = new Kafka({
    brokers,
    clientId: 'danmaku-global-setup',
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.describeCluster();
  } finally {
    await admin.disconnect();
  }
}

/** A broker given through KAFKA_BROKERS: only checked, never started or stopped. */
export function checkBrokers(brokers: string[]): Promise<string | undefined> {
  return probeUntil(() => describeCluster(brokers), 10_000);
}

function brokerEnv(runDir: string, port: number, controllerPort: number): NodeJS.ProcessEnv {
  return {
    ...process.env,
    KAFKA_RUN_DIR: runDir,
    KAFKA_PORT: String(port),
    KAFKA_CONTROLLER_PORT: String(controllerPort),
  };
}

function brokerPid(runDir: string): number | undefined {
  const file = `${runDir}/broker.pid`;
  return existsSync(file) ? Number(readFileSync(file, 'utf8').trim()) : undefined;
}

/** Starts a broker of our own through scripts/kafka/start on free ports; the caller stops it. */
export async function startOwnBroker(): Promise<OwnedBroker> {
  const runDir = `${runsDir}/${runPrefix}${process.pid}`;
  const [port, controllerPort] = [await freePort(), await freePort()];
  const env = brokerEnv(runDir, port, controllerPort);
  const startedAt = Date.now();
  // Cold Maven cache: the first start downloads ~45 MB of jars.
  const out = await run('bash', [`${scriptsDir}/start`], {
    env,
    timeoutMs: 15 * 60_000,
    showStderr: true,
  });
  console.error(
    `global-setup: Kafka ${out.trim()} up in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`,
  );
  return {
    brokers: [out.trim().split('\n').at(-1) ?? `127.0.0.1:${port}`],
    stop: async () => {
      const pid = brokerPid(runDir);
      if (pid !== undefined && !pidAlive(pid) && existsSync(`${runDir}/broker.log`)) {
        console.error(
          `global-setup: Kafka died during the run; tail of its log:\n${tail(`${runDir}/broker.log`)}`,
        );
      }
      await run('bash', [`${scriptsDir}/stop`], { env, timeoutMs: 30_000 });
      rmSync(runDir, { recursive: true, force: true });
    },
  };
}

function tail(file: string): string {
  return readFileSync(file, 'utf8').split('\n').slice(-40).join('\n');
}

/** Stops brokers of killed test runs (their vitest pid is gone) and removes their run dirs. */
export async function stopStaleBrokers(): Promise<void> {
  if (!existsSync(runsDir)) return;
  for (const entry of readdirSync(runsDir)) {
    if (!entry.startsWith(runPrefix)) continue;
    const ownerPid = Number(entry.slice(runPrefix.length));
    if (!Number.isInteger(ownerPid) || pidAlive(ownerPid)) continue;
    const runDir = `${runsDir}/${entry}`;
    await run('bash', [`${scriptsDir}/stop`], { env: { ...process.env, KAFKA_RUN_DIR: runDir } });
    rmSync(runDir, { recursive: true, force: true });
  }
}
