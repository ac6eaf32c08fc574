import { sql } from 'drizzle-orm';
import {
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';
import { bytea } from './columns.js';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * One row per collect session (one socket's life), fed by douyu.sessions.v1. Upserts are
 * idempotent (first time wins for each lifecycle step, message count only grows), so a replayed
 * event changes nothing and no source coordinate is needed.
 */
export const collectSessions = pgTable(
  'collect_sessions',
  {
    sessionId: text('session_id').primaryKey(),
    roomId: integer('room_id').notNull(),
    collector: text('collector').notNull(),
    transport: text('transport').notNull(),
    endpoint: text('endpoint').notNull(),
    connectingAt: at('connecting_at'),
    connectedAt: at('connected_at'),
    loggedInAt: at('logged_in_at'),
    closedAt: at('closed_at'),
    closeReason: text('close_reason'),
    messages: bigint('messages', { mode: 'number' }).notNull().default(0),
    updatedAt: at('updated_at')
      .notNull()
      .default(sql`now()`),
  },
  (t) => [index('collect_sessions_room_logged_in_idx').on(t.roomId, t.loggedInAt)],
);

/** Exactly-once bookkeeping: next offset to read per (group, topic, partition), written in each batch's transaction. */
export const ingestOffsets = pgTable(
  'ingest_offsets',
  {
    consumerGroup: text('consumer_group').notNull(),
    topic: text('topic').notNull(),
    partition: integer('partition').notNull(),
    nextOffset: bigint('next_offset', { mode: 'bigint' }).notNull(),
    updatedAt: at('updated_at')
      .notNull()
      .default(sql`now()`),
  },
  (t) => [
    primaryKey({ name: 'ingest_offsets_pkey', columns: [t.consumerGroup, t.topic, t.partition] }),
  ],
);

/** Records the writer could not turn into rows, byte for byte, with the reason. */
export const ingestErrors = pgTable(
  'ingest_errors',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    topic: text('topic').notNull(),
    partition: integer('partition').notNull(),
    offset: bigint('offset', { mode: 'bigint' }).notNull(),
    receivedAt: at('received_at'),
    rawKey: bytea('raw_key'),
    rawValue: bytea('raw_value'),
    headers: jsonb('headers').$type<Record<string, string>>().notNull(),
    reason: text('reason').notNull(),
    detail: text('detail'),
    recordedAt: at('recorded_at')
      .notNull()
      .default(sql`now()`),
  },
  (t) => [
    unique('ingest_errors_source_key').on(t.topic, t.partition, t.offset),
    index('ingest_errors_reason_idx').on(t.reason, t.recordedAt),
  ],
);
