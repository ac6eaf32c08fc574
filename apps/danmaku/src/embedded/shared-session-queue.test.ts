import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SharedSessionQueue } from './shared-session-queue.js';

let lite: PGlite;
beforeAll(async () => {
  lite = await PGlite.create();
  await lite.exec('CREATE TABLE t (n int)');
});
afterAll(async () => lite.close());

function query(text: string): Uint8Array {
  const body = Buffer.from(`${text}\0`);
  const message = Buffer.alloc(5 + body.length);
  message.write('Q');
  message.writeInt32BE(4 + body.length, 1);
  body.copy(message, 5);
  return message;
}

const ignore = () => undefined;
const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it("holds back PGlite's own queries while a client is inside a transaction", async () => {
  const queue = new SharedSessionQueue(lite, { holdLimitMs: 60_000, onHoldExpired: ignore });
  await queue.enqueue(1, query('BEGIN'), ignore);
  await queue.enqueue(1, query('INSERT INTO t VALUES (1)'), ignore);
  let writerDone = false;
  const writer = lite.query('INSERT INTO t VALUES (2)').then(() => (writerDone = true));
  await later(200);
  expect(writerDone).toBe(false);
  // The client's rollback undoes only its own row; the writer's runs after it, outside.
  await queue.enqueue(1, query('ROLLBACK'), ignore);
  await writer;
  expect((await lite.query<{ n: number }>('SELECT n FROM t')).rows).toEqual([{ n: 2 }]);
  await lite.exec('DELETE FROM t');
});

it('serves only the holding client until its transaction ends', async () => {
  const queue = new SharedSessionQueue(lite, { holdLimitMs: 60_000, onHoldExpired: ignore });
  const order: string[] = [];
  await queue.enqueue(1, query('BEGIN'), ignore);
  const other = queue.enqueue(2, query('SELECT 1'), ignore).then(() => order.push('other'));
  await queue.enqueue(1, query('INSERT INTO t VALUES (1)'), ignore);
  order.push('insert');
  await queue.enqueue(1, query('COMMIT'), ignore);
  await other;
  expect(order).toEqual(['insert', 'other']);
  await lite.exec('DELETE FROM t');
});

it('a client idle in a transaction past the limit is reported; its rollback frees the writer', async () => {
  const expired: number[] = [];
  const queue: SharedSessionQueue = new SharedSessionQueue(lite, {
    holdLimitMs: 100,
    onHoldExpired: (id) => {
      expired.push(id);
      void queue.clearTransactionIfNeeded(id);
    },
  });
  await queue.enqueue(7, query('BEGIN'), ignore);
  await queue.enqueue(7, query('INSERT INTO t VALUES (7)'), ignore);
  await lite.query('INSERT INTO t VALUES (8)');
  expect(expired).toEqual([7]);
  expect((await lite.query<{ n: number }>('SELECT n FROM t')).rows).toEqual([{ n: 8 }]);
  await lite.exec('DELETE FROM t');
});

it("a client's SET is reset once its statement is done", async () => {
  const queue = new SharedSessionQueue(lite, { holdLimitMs: 60_000, onHoldExpired: ignore });
  await queue.enqueue(1, query('SET default_transaction_read_only = on'), ignore);
  await lite.query('INSERT INTO t VALUES (3)');
  const shown = await lite.query<{ value: string }>(
    "SELECT current_setting('default_transaction_read_only') AS value",
  );
  expect(shown.rows).toEqual([{ value: 'off' }]);
  await lite.exec('DELETE FROM t');
});
