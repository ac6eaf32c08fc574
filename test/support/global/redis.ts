import { Redis } from 'ioredis';
import { isLocalHost, probeUntil, run } from './local-process.js';

async function ping(url: string): Promise<void> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 2_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  // Failures surface through connect(); the event would only add an "unhandled error" line.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } finally {
    client.disconnect();
  }
}

/** Reachable Redis, started with DESIGN.md's command if it is local and down. Returns why not. */
export async function ensureRedis(url: string): Promise<string | undefined> {
  if ((await probeUntil(() => ping(url), 0)) === undefined) return undefined;
  const { hostname, port } = new URL(url);
  if (!isLocalHost(hostname)) return probeUntil(() => ping(url), 5_000);
  try {
    console.error('global-setup: starting redis-server');
    // DESIGN.md "Development and CI machines"
    await run('redis-server', [
      '--daemonize',
      'yes',
      '--bind',
      '127.0.0.1',
      '-::1',
      '--port',
      port || '6379',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      '/var/lib/redis',
      '--logfile',
      '/var/log/redis/ci.log',
    ]);
  } catch (error) {
    return `Redis down and could not be started: ${String(error)}`;
  }
  return probeUntil(() => ping(url), 15_000);
}
