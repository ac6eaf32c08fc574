import {
  bigint,
  date,
  doublePrecision,
  integer,
  pgView,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

// The analytics views are created by the custom migration (their SQL depends on the partitioned
// tables, which drizzle-kit does not manage); `.existing()` keeps drizzle-kit from generating them
// while still letting TypeScript query them. Days are UTC days, like the partitions, except in
// room_daily and room_coverage_daily, which carry a day_zone (UTC or Asia/Shanghai).

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const chatPerMinute = pgView('chat_per_minute', {
  roomId: integer('room_id').notNull(),
  minute: tz('minute').notNull(),
  messages: bigint('messages', { mode: 'number' }).notNull(),
  chatters: bigint('chatters', { mode: 'number' }).notNull(),
  robotMessages: bigint('robot_messages', { mode: 'number' }).notNull(),
}).existing();

export const topChattersDaily = pgView('top_chatters_daily', {
  roomId: integer('room_id').notNull(),
  day: date('day', { mode: 'string' }).notNull(),
  uid: bigint('uid', { mode: 'number' }).notNull(),
  nickname: text('nickname').notNull(),
  messages: bigint('messages', { mode: 'number' }).notNull(),
  rank: bigint('rank', { mode: 'number' }).notNull(),
}).existing();

export const giftTotalsDaily = pgView('gift_totals_daily', {
  roomId: integer('room_id').notNull(),
  day: date('day', { mode: 'string' }).notNull(),
  giftId: integer('gift_id'),
  gifts: bigint('gifts', { mode: 'number' }).notNull(),
  senders: bigint('senders', { mode: 'number' }).notNull(),
  events: bigint('events', { mode: 'number' }).notNull(),
}).existing();

export const coverageGaps = pgView('coverage_gaps', {
  roomId: integer('room_id').notNull(),
  gapStart: tz('gap_start').notNull(),
  gapEnd: tz('gap_end').notNull(),
  gapSeconds: doublePrecision('gap_seconds').notNull(),
}).existing();

export const collectSessionSpans = pgView('collect_session_spans', {
  sessionId: text('session_id').notNull(),
  roomId: integer('room_id').notNull(),
  startsAt: tz('starts_at').notNull(),
  endsAt: tz('ends_at').notNull(),
}).existing();

export const roomCoverageDaily = pgView('room_coverage_daily', {
  dayZone: text('day_zone').notNull(),
  roomId: integer('room_id').notNull(),
  day: date('day', { mode: 'string' }).notNull(),
  coveredMinutes: doublePrecision('covered_minutes').notNull(),
}).existing();

const total = (name: string) => bigint(name, { mode: 'number' }).notNull();

export const roomDaily = pgView('room_daily', {
  dayZone: text('day_zone').notNull(),
  roomId: integer('room_id').notNull(),
  day: date('day', { mode: 'string' }).notNull(),
  messages: total('messages'),
  chatters: total('chatters'),
  robotMessages: total('robot_messages'),
  giftEvents: total('gift_events'),
  gifts: total('gifts'),
  entries: total('entries'),
  coveredMinutes: doublePrecision('covered_minutes').notNull(),
}).existing();

export const giftValueDaily = pgView('gift_value_daily', {
  roomId: integer('room_id').notNull(),
  day: date('day', { mode: 'string' }).notNull(),
  giftId: integer('gift_id'),
  giftName: text('gift_name'),
  events: bigint('events', { mode: 'number' }).notNull(),
  gifts: bigint('gifts', { mode: 'number' }).notNull(),
  price: bigint('price', { mode: 'number' }),
  value: bigint('value', { mode: 'number' }),
  priceUnit: text('price_unit'),
}).existing();
