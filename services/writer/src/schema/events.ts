import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';
import { contentHash, receivedAt, sessionKey, sourceColumns } from './columns.js';

// The four event tables are converted to daily RANGE partitions on received_at by the custom
// migration that follows the generated one (drizzle-kit cannot express partitioning). Every unique
// key therefore includes received_at. Constraint and index names here are the ones the custom
// migration recreates on the partitioned parents: keep them in sync.

type Fields = Record<string, string>;

// gifts, user_entries and room_events carry content_hash, the 64-bit hash of the body as received,
// and an index (room_id, content_hash, received_at): a record whose body was already stored for
// its room within the merge window is the second collector's copy and is not stored (the rows
// are the merge state, so it lives and is pruned exactly as long as they are; see merge.ts).

// Columns that hold a Douyu field are nullable: NULL when the field was absent from the body, or
// (numbers) not a decimal integer or outside the column's range; `fields` keeps the text. NOT
// NULL stays on what the writer itself guarantees: keys, times, flags, `fields`, and `cid`.

export const chatMessages = pgTable(
  'chat_messages',
  {
    receivedAt: receivedAt(),
    roomId: integer('room_id').notNull(),
    cid: text('cid').notNull(),
    uid: bigint('uid', { mode: 'number' }),
    nickname: text('nickname'),
    text: text('text'),
    level: integer('level'),
    badgeName: text('badge_name'),
    badgeLevel: integer('badge_level'),
    badgeRoomId: integer('badge_room_id'),
    nobleLevel: integer('noble_level'),
    colour: integer('colour'),
    clientType: integer('client_type'),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
    isRobot: boolean('is_robot').notNull(),
    isCrossRoom: boolean('is_cross_room').notNull(),
    fields: jsonb('fields').$type<Fields>().notNull(),
    ...sourceColumns(),
  },
  (t) => [
    unique('chat_messages_source_key').on(t.sourcePartition, t.sourceOffset, t.receivedAt),
    index('chat_messages_received_at_brin').using('brin', t.receivedAt),
    index('chat_messages_room_time_idx').on(t.roomId, t.receivedAt),
    index('chat_messages_uid_time_idx').on(t.uid, t.receivedAt),
    // `danmaku search`: ILIKE '%text%' through trigrams (pg_trgm, created by the custom
    // migration *_pg_trgm just before this index's). Declared on the partitioned parent, so
    // every daily partition gets it, including those danmaku_ensure_partitions creates ahead.
    index('chat_messages_text_trgm_idx').using('gin', t.text.op('gin_trgm_ops')),
  ],
);

/**
 * Chat dedupe on (room, cid) across days. A unique key on a partitioned table must contain the
 * partition column, so (room_id, cid) cannot be unique on chat_messages itself: two collectors
 * receive the same message a few milliseconds (or a midnight) apart. This small unpartitioned table
 * holds the key; the chat insert claims the cid here first and writes only the rows it claimed.
 * Pruned together with the partitions (danmaku_drop_partitions_older_than).
 */
export const chatMessageIds = pgTable(
  'chat_message_ids',
  {
    roomId: integer('room_id').notNull(),
    cid: text('cid').notNull(),
    receivedAt: receivedAt(),
    ...sourceColumns(),
  },
  (t) => [
    primaryKey({ name: 'chat_message_ids_pkey', columns: [t.roomId, t.cid] }),
    index('chat_message_ids_received_at_brin').using('brin', t.receivedAt),
  ],
);

export const gifts = pgTable(
  'gifts',
  {
    receivedAt: receivedAt(),
    roomId: integer('room_id').notNull(),
    uid: bigint('uid', { mode: 'number' }),
    nickname: text('nickname'),
    level: integer('level'),
    giftId: integer('gift_id'),
    giftCount: integer('gift_count'),
    comboHits: integer('combo_hits'),
    badgeName: text('badge_name'),
    badgeLevel: integer('badge_level'),
    badgeRoomId: integer('badge_room_id'),
    isCrossRoom: boolean('is_cross_room').notNull(),
    fields: jsonb('fields').$type<Fields>().notNull(),
    contentHash: contentHash(),
    sessionKey: sessionKey(),
    ...sourceColumns(),
  },
  (t) => [
    index('gifts_content_key_idx').on(t.roomId, t.contentHash, t.receivedAt),
    unique('gifts_source_key').on(t.sourcePartition, t.sourceOffset, t.receivedAt),
    index('gifts_received_at_brin').using('brin', t.receivedAt),
    index('gifts_room_time_idx').on(t.roomId, t.receivedAt),
    index('gifts_uid_time_idx').on(t.uid, t.receivedAt),
  ],
);

export const userEntries = pgTable(
  'user_entries',
  {
    receivedAt: receivedAt(),
    roomId: integer('room_id').notNull(),
    uid: bigint('uid', { mode: 'number' }),
    nickname: text('nickname'),
    level: integer('level'),
    nobleLevel: integer('noble_level'),
    isCrossRoom: boolean('is_cross_room').notNull(),
    fields: jsonb('fields').$type<Fields>().notNull(),
    contentHash: contentHash(),
    sessionKey: sessionKey(),
    ...sourceColumns(),
  },
  (t) => [
    index('user_entries_content_key_idx').on(t.roomId, t.contentHash, t.receivedAt),
    unique('user_entries_source_key').on(t.sourcePartition, t.sourceOffset, t.receivedAt),
    index('user_entries_received_at_brin').using('brin', t.receivedAt),
    index('user_entries_room_time_idx').on(t.roomId, t.receivedAt),
    index('user_entries_uid_time_idx').on(t.uid, t.receivedAt),
  ],
);

/** Every other message type, losslessly: all fields as jsonb, plus the body when jsonb cannot say it all. */
export const roomEvents = pgTable(
  'room_events',
  {
    receivedAt: receivedAt(),
    roomId: integer('room_id').notNull(),
    type: text('type').notNull(),
    isCrossRoom: boolean('is_cross_room').notNull(),
    fields: jsonb('fields').$type<Fields>().notNull(),
    body: text('body'),
    contentHash: contentHash(),
    sessionKey: sessionKey(),
    ...sourceColumns(),
  },
  (t) => [
    index('room_events_content_key_idx').on(t.roomId, t.contentHash, t.receivedAt),
    unique('room_events_source_key').on(t.sourcePartition, t.sourceOffset, t.receivedAt),
    index('room_events_received_at_brin').using('brin', t.receivedAt),
    index('room_events_room_time_idx').on(t.roomId, t.receivedAt),
    index('room_events_type_time_idx').on(t.type, t.receivedAt),
  ],
);

/** The daily-partitioned tables (see the partitioning migration). */
export const partitionedTables = ['chat_messages', 'gifts', 'user_entries', 'room_events'] as const;
