// Global setup of the vitest `integration` project: makes PostgreSQL, Redis and Kafka reachable
// (starting them when they are local and down), creates this run's throwaway database, and hands
// the connection details to the suites via provide/inject (see test/README.md). Under CI=true a
// service that stays unreachable fails the run; otherwise its suites are skipped.
import { spawnSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import type { ProvidedServices, ServiceName } from './support/provided.js';
import { checkBrokers, startOwnBroker, stopStaleBrokers } from './support/global/kafka-broker.js';
import type { OwnedBroker } from './support/global/kafka-broker.js';
import {
  createDatabase,
  dropDatabases,
  dropStaleDatabases,
  ensurePostgres,
} from './support/global/postgres.js';
import { ensureRedis } from './support/global/redis.js';
import { databaseUrlFor } from './support/database-url.js';

const ci = process.env['CI'] === 'true' || process.env['CI'] === '1';

type Missing = ProvidedServices['missing'];

async function setUpKafka(missing: Missing): Promise<{ brokers: string[]; owned?: OwnedBroker }> {
  const fromEnv = process.env['KAFKA_BROKERS'];
  if (fromEnv) {
    const brokers = fromEnv.split(',').map((broker) => broker.trim());
    const reason = await checkBrokers(brokers);
    if (reason !== undefined) missing.kafka = `KAFKA_BROKERS=${fromEnv} not reachable: ${reason}`;
    return { brokers };
  }
  try {
    await stopStaleBrokers();
    const owned = await startOwnBroker();
    return { brokers: owned.brokers, owned };
  } catch (error) {
    missing.kafka = `scripts/kafka/start failed: ${message(error)}`;
    return { brokers: [] };
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function setUpPostgres(
  adminUrl: string,
  databaseName: string,
  missing: Missing,
): Promise<void> {
  const reason = await ensurePostgres(adminUrl);
  if (reason !== undefined) {
    missing.postgres = `${adminUrl}: ${reason}`;
    return;
  }
  try {
    await dropStaleDatabases(adminUrl);
    await createDatabase(adminUrl, databaseName);
  } catch (error) {
    missing.postgres = `cannot create database ${databaseName}: ${message(error)}`;
  }
}

async function setUpRedis(url: string, missing: Missing): Promise<void> {
  const reason = await ensureRedis(url);
  if (reason !== undefined) missing.redis = `${url}: ${reason}`;
}

/**
 * The suites spawn the built `danmaku` command; its launcher rebuilds a stale bundle, and doing
 * that once here keeps suites that start several at once from all building together.
 */
function buildCli(): void {
  const bin = new URL('../apps/danmaku/bin/danmaku.js', import.meta.url).pathname;
  const run = spawnSync(process.execPath, [bin, '--help'], { stdio: ['ignore', 'ignore', 'pipe'] });
  if (run.status !== 0)
    throw new Error(`building the danmaku command failed:\n${String(run.stderr)}`);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  buildCli();
  const adminDatabaseUrl =
    process.env['TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
  const redisUrl = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
  const databaseName = `danmaku_test_${process.pid}_${Date.now().toString(36)}`;
  const missing: Missing = {};
  const [kafka] = await Promise.all([
    setUpKafka(missing),
    setUpPostgres(adminDatabaseUrl, databaseName, missing),
    setUpRedis(redisUrl, missing),
  ]);
  const teardown = async (): Promise<void> => {
    if (missing.postgres === undefined) await dropDatabases(adminDatabaseUrl, databaseName);
    await kafka.owned?.stop();
  };

  const absent = Object.entries(missing) as [ServiceName, string][];
  if (absent.length > 0) {
    const report = absent.map(([name, reason]) => `  ${name}: ${reason}`).join('\n');
    if (ci) {
      await teardown();
      throw new Error(`CI=true: integration services unavailable:\n${report}`);
    }
    console.warn(`global-setup: suites needing these services are skipped:\n${report}`);
  }

  project.provide('danmakuServices', {
    ci,
    databaseName,
    databaseUrl: databaseUrlFor(adminDatabaseUrl, databaseName),
    adminDatabaseUrl,
    kafkaBrokers: kafka.brokers,
    redisUrl,
    missing,
  });
  return teardown;
}
