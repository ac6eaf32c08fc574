import { sql } from 'drizzle-orm';
import { bigint, pgTable, timestamp } from 'drizzle-orm/pg-core';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Users erased with `danmaku erase`: the writer drops their messages on ingest and on replay.
 * The primary key keeps the writer's NOT EXISTS probe one index lookup.
 */
export const erasedUsers = pgTable('erased_users', {
  uid: bigint('uid', { mode: 'number' }).primaryKey(),
  erasedAt: at('erased_at')
    .notNull()
    .default(sql`now()`),
});
