import type { PGlite } from '@electric-sql/pglite';
import { createPglite } from './create-pglite.js';
import { RecordChannel } from '@danmaku/records';
import { silentLogger } from '@danmaku/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseWriterConfig } from './config.js';
import { pgliteDatabase, type Database } from './database.js';
import { startWriter } from './service.js';
import { describeUnwritten } from './stop-report.js';

// The stop of an embedded writer on PGlite: it flushes for WRITER_FLUSH_TIMEOUT_MS, then says what
// the database did not take. A closed PGlite is a database that cannot take the rest.

const config = parseWriterConfig({
  mode: 'embedded',
  migrate: false,
  metricsPort: -1,
  maxWaitMs: 10,
  flushTimeoutMs: 400,
  dbRetryInitialMs: 20,
  dbRetryMaxMs: 50,
});

const channel = () =>
  new RecordChannel({
    capacity: 1000,
    topics: { raw: config.rawTopic, sessions: config.sessionsTopic },
    maxBatchRecords: 3,
    lingerMs: 0,
    drainTimeoutMs: config.flushTimeoutMs,
  });

let seq = 0;
const send = (queue: RecordChannel, n: number) => {
  for (let i = 0; i < n; i++) {
    seq += 1;
    const body = `type@=chatmsg/rid@=100/uid@=1/nn@=u/txt@=m${seq}/cid@=stop${seq}/`;
    void queue.send({
      room: 100,
      body: Buffer.from(body),
      receivedAtMs: Date.now(),
      type: 'chatmsg',
      session: 's',
      collector: 'c',
      seq,
    });
  }
};

async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 400 && !(await check()); i++) await new Promise((r) => setTimeout(r, 25));
  expect(await check()).toBe(true);
}

async function start(database: Database, queue: RecordChannel) {
  const client = { ...database.client, close: () => Promise.resolve() };
  return startWriter({
    config,
    source: queue,
    database: { ...database, client },
    logger: silentLogger,
  });
}

describe('writer stop', () => {
  let lite: PGlite;
  let database: Database;
  beforeAll(async () => {
    lite = await createPglite();
    database = pgliteDatabase(lite);
    await database.migrate();
  }, 60_000);
  afterAll(async () => {
    if (!lite.closed) await lite.close();
  });

  it('with a working database: flushes everything and reports nothing left behind', async () => {
    const queue = channel();
    const running = await start(database, queue);
    send(queue, 10);
    const report = await running.stop();
    expect(report).toEqual({ unwritten: 0, lost: true, lastError: undefined, flushTimeoutMs: 400 });
    expect(describeUnwritten(report)).toBeUndefined();
    const rows = await database.client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM chat_messages WHERE cid LIKE 'stop%'`,
    );
    expect(rows.rows[0]?.n).toBe(10);
  });

  it('when the database cannot take the rest: gives up at the deadline, says how many and why', async () => {
    const queue = channel();
    const running = await start(database, queue);
    send(queue, 4);
    await until(() => queue.unwritten === 0);
    await lite.close();
    send(queue, 7);
    const started = Date.now();
    const report = await running.stop();
    const tookMs = Date.now() - started;
    expect(report.unwritten).toBe(7);
    expect(report.lost).toBe(true);
    expect(report.lastError).toMatch(/closed/i);
    // It tried for the flush timeout, and not much longer.
    expect(tookMs).toBeGreaterThanOrEqual(380);
    expect(tookMs).toBeLessThan(3_000);
    expect(describeUnwritten(report, 'messages')).toMatch(
      /^7 messages not written: the database did not take them within the flush timeout of 0\.4 s \(last database error: .*closed.*\); they were held in memory and are lost$/i,
    );
  });
});
