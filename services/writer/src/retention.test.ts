import { createPglite } from './create-pglite.js';
import { silentLogger } from '@danmaku/runtime';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgliteDatabase, type Database } from './database.js';
import { createWriterMetrics } from './metrics.js';
import { ensurePartitions } from './partitions.js';
import { startRetention } from './retention.js';
import type { SqlExecutor } from './sql-client.js';

// Retention on PGlite (in memory), through the same SQL function PostgreSQL runs
// (test/writer-retention.test.ts covers PostgreSQL).

let database: Database;

const DAY_MS = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);

async function chatPartitionDays(): Promise<string[]> {
  const result = await database.client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i
       JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
      WHERE p.relname = 'chat_messages' ORDER BY 1`,
  );
  return result.rows.map((row) => row.name);
}

beforeAll(async () => {
  database = pgliteDatabase(await createPglite());
  await database.migrate();
});

afterAll(async () => {
  await database.client.close();
});

describe('startRetention', () => {
  it('drops partitions older than N days at start, counts and keeps the rest', async () => {
    await ensurePartitions(database.client, day(-40), 42);
    const before = await chatPartitionDays();
    const metrics = createWriterMetrics(new Registry());
    const lines: string[] = [];
    const logger = { ...silentLogger, info: (message: string) => void lines.push(message) };
    const retention = startRetention({
      db: database.client,
      retentionDays: 30,
      partitionsDropped: metrics.partitionsDropped,
      logger,
    });
    await retention.firstPass;
    await retention.stop();
    const after = await chatPartitionDays();
    expect(before.length - after.length).toBe(10);
    expect(after[0]).toBe(`chat_messages_p${day(-30).replaceAll('-', '')}`);
    // Four tables per day.
    expect((await metrics.partitionsDropped.get()).values[0]?.value).toBe(40);
    expect(lines).toEqual(['retention dropped old partitions']);
  });

  it('logs a failed pass and keeps going on the timer', async () => {
    const metrics = createWriterMetrics(new Registry());
    const warnings: string[] = [];
    let calls = 0;
    const db: SqlExecutor = {
      query: () => {
        calls += 1;
        return Promise.reject(new Error('connection refused'));
      },
    };
    const retention = startRetention({
      db,
      retentionDays: 7,
      partitionsDropped: metrics.partitionsDropped,
      logger: { ...silentLogger, warn: (message: string) => void warnings.push(message) },
      intervalMs: 10,
    });
    await retention.firstPass;
    await new Promise((resolve) => setTimeout(resolve, 60));
    await retention.stop();
    expect(calls).toBeGreaterThan(1);
    expect(warnings[0]).toBe('retention pass failed; trying again later');
  });
});
