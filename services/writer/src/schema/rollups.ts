import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';

// The daily rollups. Triggers on the event tables (the rollups migration) keep them equal to a
// recount of the stored rows in the same transaction as the rows: an insert adds only the rows it
// really inserted, a delete or update recounts the room-days it touched. Every day exists twice,
// once as a UTC day and once as an Asia/Shanghai day (day_zone). uid and gift_id are keys that may
// be NULL (a field absent from the wire): the keys are unique with NULLS NOT DISTINCT, so such rows
// are one group, as GROUP BY makes them. day_zone comes last in the keys: the integer columns
// decide most comparisons, and (room_id, day) leads every lookup.

const dayZone = () => text('day_zone').notNull();
const day = () => date('day', { mode: 'string' }).notNull();
const count = (name: string) => bigint(name, { mode: 'number' }).notNull().default(0);
const zoneCheck = (table: string, column: { name: string }) =>
  check(`${table}_day_zone_check`, sql`${sql.identifier(column.name)} IN ('UTC', 'Asia/Shanghai')`);

/** Counters per room and day; the room_daily view adds the covered minutes. */
export const roomDailyCounts = pgTable(
  'room_daily_counts',
  {
    dayZone: dayZone(),
    roomId: integer('room_id').notNull(),
    day: day(),
    messages: count('messages'),
    chatters: count('chatters'),
    robotMessages: count('robot_messages'),
    giftEvents: count('gift_events'),
    gifts: count('gifts'),
    entries: count('entries'),
  },
  (t) => [
    primaryKey({ name: 'room_daily_counts_pkey', columns: [t.roomId, t.day, t.dayZone] }),
    zoneCheck('room_daily_counts', t.dayZone),
  ],
);

/** One row per chatter, room and day: what top_chatters_daily ranks and room_daily counts. */
export const chatterDaily = pgTable(
  'chatter_daily',
  {
    dayZone: dayZone(),
    roomId: integer('room_id').notNull(),
    day: day(),
    uid: bigint('uid', { mode: 'number' }),
    messages: count('messages'),
    nickname: text('nickname'),
    nicknameAt: timestamp('nickname_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    unique('chatter_daily_key').on(t.roomId, t.day, t.uid, t.dayZone).nullsNotDistinct(),
    zoneCheck('chatter_daily', t.dayZone),
  ],
);

/** One row per room, day, gift id and sender: what gift_totals_daily sums. */
export const giftDaily = pgTable(
  'gift_daily',
  {
    dayZone: dayZone(),
    roomId: integer('room_id').notNull(),
    day: day(),
    giftId: integer('gift_id'),
    uid: bigint('uid', { mode: 'number' }),
    gifts: count('gifts'),
    events: count('events'),
  },
  (t) => [
    unique('gift_daily_key').on(t.roomId, t.day, t.giftId, t.uid, t.dayZone).nullsNotDistinct(),
    zoneCheck('gift_daily', t.dayZone),
  ],
);
