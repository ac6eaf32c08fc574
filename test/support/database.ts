import pg from 'pg';
import { inject } from 'vitest';

import { databaseUrlFor } from './database-url.js';

let counter = 0;

/**
 * Creates an empty database for this run (for suites that need a pristine one, e.g. migrations)
 * and returns its URL. Named after the run's database, so global teardown drops it.
 */
export async function freshDatabase(prefix = 'db'): Promise<string> {
  if (!/^[a-z][a-z0-9]{0,11}$/.test(prefix))
    throw new Error(`freshDatabase prefix must be /^[a-z][a-z0-9]{0,11}$/`);
  const { databaseName, adminDatabaseUrl } = inject('danmakuServices');
  counter += 1;
  const name = `${databaseName}_${prefix}${process.pid.toString(36)}${counter}`;
  const client = new pg.Client({ connectionString: adminDatabaseUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  return databaseUrlFor(adminDatabaseUrl, name);
}

/** One client for `fn`, closed afterwards. */
export async function withPg<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
