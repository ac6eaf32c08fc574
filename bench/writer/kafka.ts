import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

const scripts = fileURLToPath(new URL('../../scripts/kafka/', import.meta.url));

export interface BenchKafka {
  brokers: string[];
  stop(): void;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** KAFKA_BROKERS when set; otherwise a broker of our own from scripts/kafka, stopped afterwards. */
export async function benchKafka(): Promise<BenchKafka> {
  const fromEnv = process.env['KAFKA_BROKERS'];
  if (fromEnv) return { brokers: fromEnv.split(',').map((b) => b.trim()), stop: () => undefined };
  const port = String(await freePort());
  const env = { ...process.env, KAFKA_PORT: port, KAFKA_CONTROLLER_PORT: String(await freePort()) };
  const address = execFileSync(`${scripts}start`, {
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return {
    brokers: [address.trim().split('\n').at(-1) ?? `127.0.0.1:${port}`],
    stop: () => execFileSync(`${scripts}stop`, { env, stdio: 'inherit' }),
  };
}
