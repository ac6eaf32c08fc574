import { bigint, customType, integer, timestamp } from 'drizzle-orm/pg-core';

/** Raw bytes as received (ingest_errors keeps undecodable records byte for byte). */
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => 'bytea',
});

/** Receive time: the Kafka record timestamp, fixed at the collector, so a replay lands in the same partition. */
export const receivedAt = () =>
  timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull();

/** Source coordinate of the row: the Kafka partition (-1 for the embedded queue) and offset. */
export const sourceColumns = () => ({
  sourcePartition: integer('source_partition').notNull(),
  sourceOffset: bigint('source_offset', { mode: 'bigint' }).notNull(),
});

/** The merge key of a non-chat row; NULL on a reply to one session and on rows stored before migration 0012 (never merged with). */
export const contentHash = () => bigint('content_hash', { mode: 'bigint' });

/**
 * Which connection received the row (a 64-bit hash of the collector's session id): one connection
 * receives each broadcast once, so the merge never takes two rows of one session for copies.
 */
export const sessionKey = () => bigint('session_key', { mode: 'bigint' });
