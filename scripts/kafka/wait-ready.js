// Waits until a Kafka broker answers kafkajs admin.describeCluster(), then warms what the first
// test would otherwise wait for: the group coordinator (the first FindCoordinator creates
// __consumer_offsets) and the producer-id block (an idempotent producer's InitProducerId answers
// "coordinator is loading" until the broker has one). Exits non-zero on timeout or when the broker process dies.
// Usage: node wait-ready.js <bootstrap> [timeoutMs] [brokerPid]
// Plain JS on purpose: it runs before any TypeScript tooling and kafkajs lives in test/'s deps.
import console from 'node:console';
import { createRequire } from 'node:module';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { URL } from 'node:url';

const require = createRequire(new URL('../../test/package.json', import.meta.url));
const { Kafka, logLevel } = require('kafkajs');

const [bootstrap, timeoutArg, pidArg] = process.argv.slice(2);
if (!bootstrap) {
  console.error('usage: wait-ready.js <host:port> [timeoutMs] [brokerPid]');
  process.exit(2);
}
const deadline = Date.now() + Number(timeoutArg ?? 60_000);
const brokerPid = pidArg ? Number(pidArg) : undefined;

function brokerAlive() {
  if (brokerPid === undefined) return true;
  try {
    process.kill(brokerPid, 0);
    return true;
  } catch {
    return false;
  }
}

const kafka = new Kafka({
  clientId: 'danmaku-wait-ready',
  brokers: [bootstrap],
  logLevel: logLevel.NOTHING,
  connectionTimeout: 1_000,
  retry: { retries: 0 },
});

async function tryOnce() {
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    await admin.describeGroups(['danmaku-warmup']);
    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      retry: { retries: 20, initialRetryTime: 100 },
    });
    await producer.connect();
    await producer.disconnect();
    return cluster;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

for (;;) {
  if (!brokerAlive()) {
    console.error(`broker process ${brokerPid} exited before ${bootstrap} answered`);
    process.exit(1);
  }
  try {
    const cluster = await tryOnce();
    console.error(`kafka ready: cluster ${cluster.clusterId}, ${cluster.brokers.length} broker(s)`);
    process.exit(0);
  } catch (error) {
    if (Date.now() > deadline) {
      console.error(`kafka at ${bootstrap} not ready in time: ${String(error)}`);
      process.exit(1);
    }
    await sleep(250);
  }
}
