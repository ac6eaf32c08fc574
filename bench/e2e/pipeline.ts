import { readFileSync } from 'node:fs';
import type { Admin } from 'kafkajs';
import pg from 'pg';
import { migrate } from '@danmaku/writer';
import { REPO_ROOT } from '../harness/node-child.js';

export const RAW_PARTITIONS = 6;

/** A throwaway database, migrated; drop it with dropDatabase. */
export async function createDatabase(adminUrl: string, name: string): Promise<string> {
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await migrate(url.toString());
  return url.toString();
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

/** The raw topic with the partition count of docker-compose, and a one-partition session topic. */
export async function createTopics(admin: Admin, raw: string, sessions: string): Promise<void> {
  await admin.createTopics({
    waitForLeaders: true,
    topics: [
      { topic: raw, numPartitions: RAW_PARTITIONS },
      { topic: sessions, numPartitions: 1 },
    ],
  });
}

/** The broker's JVM pid, when scripts/kafka started it in its default run dir. */
export function kafkaPid(broker: string): number | undefined {
  const port = broker.split(':').at(-1);
  try {
    return Number(readFileSync(`${REPO_ROOT}.kafka/${port}/broker.pid`, 'utf8').trim());
  } catch {
    return undefined;
  }
}

export interface LagSample {
  atMs: number;
  /** Records in the raw topic (sum of high watermarks). */
  produced: number;
  /** Records the writer committed to PostgreSQL (sum of stored next offsets). */
  committed: number;
  /** Round trip of `SELECT 1` to PostgreSQL: how long a wake-up takes on this machine now. */
  rttMs: number;
}

/** Consumer lag of the writer as PostgreSQL sees it: produced − committed on the raw topic. */
export class LagProbe {
  readonly #db: pg.Client;
  constructor(
    readonly admin: Admin,
    databaseUrl: string,
    readonly topic: string,
  ) {
    this.#db = new pg.Client({ connectionString: databaseUrl });
  }

  async open(): Promise<void> {
    await this.#db.connect();
  }

  async sample(): Promise<LagSample> {
    const t0 = performance.now();
    await this.#db.query('SELECT 1');
    const rttMs = performance.now() - t0;
    const [offsets, stored] = await Promise.all([
      this.admin.fetchTopicOffsets(this.topic),
      this.#db.query<{ n: string | null }>(
        'SELECT sum(next_offset)::text AS n FROM ingest_offsets WHERE topic = $1',
        [this.topic],
      ),
    ]);
    return {
      atMs: performance.now(),
      produced: offsets.reduce((sum, p) => sum + Number(p.high), 0),
      committed: Number(stored.rows[0]?.n ?? 0),
      rttMs,
    };
  }

  /** Backend pids of the writer's connections (for CPU sampling). */
  async backendPids(database: string): Promise<number[]> {
    const result = await this.#db.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [database],
    );
    return result.rows.map((row) => row.pid);
  }

  async close(): Promise<void> {
    await this.#db.end();
  }
}

/** Least-squares slope of lag (messages) over time (seconds). */
export function lagSlope(samples: readonly LagSample[]): number {
  const points = samples.map((s) => ({ x: s.atMs / 1000, y: s.produced - s.committed }));
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((a, p) => a + p.x, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.x - mx) * (p.y - my);
    den += (p.x - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}
