import type { RelationEntry } from './dictionary-types.js';
import { dayZone, zonedDay } from './rollup-tables.js';

const roomId = { description: 'The room (as in chat_messages.room_id).', unit: 'Douyu room id' };
const day = { description: 'The UTC day of received_at.', unit: 'date (UTC)' };

export const chatPerMinute: RelationEntry = {
  kind: 'view',
  description: 'Chat activity per room and minute (from chat_messages).',
  columns: {
    room_id: roomId,
    minute: { description: 'Start of the minute of received_at.', unit: 'timestamptz' },
    messages: { description: 'Chat messages in the minute, robot lines included.', unit: 'count' },
    chatters: {
      description: 'Distinct known uid that chatted in the minute (a NULL uid is no chatter).',
      unit: 'count',
    },
    robot_messages: { description: 'Messages with is_robot (no dms field).', unit: 'count' },
  },
};

export const topChattersDaily: RelationEntry = {
  kind: 'view',
  description:
    'Chatters ranked by messages per room and UTC day (from chatter_daily; rows without a known uid are left out; for Asia/Shanghai days rank chatter_daily yourself).',
  columns: {
    room_id: roomId,
    day,
    uid: { description: 'Douyu user id.' },
    nickname: { description: "The user's latest non-NULL nickname that day." },
    messages: { description: 'Chat messages that day in that room.', unit: 'count' },
    rank: { description: 'rank() by messages, 1 = most; ties share a rank.', unit: 'rank' },
  },
};

export const giftTotalsDaily: RelationEntry = {
  kind: 'view',
  description:
    'Gifts per room, UTC day and gift id (from gift_daily; Asia/Shanghai days are there too): counts, not money.',
  columns: {
    room_id: roomId,
    day,
    gift_id: {
      description: "Douyu's gift id (gifts.gift_id); NULL groups the gifts whose id is unknown.",
    },
    gifts: {
      description:
        'Sum of gift_count (gfcnt), never of combo hits; a NULL gift_count adds nothing (0 when none is known).',
      unit: 'gifts',
    },
    senders: { description: 'Distinct known uid that gave this gift that day.', unit: 'count' },
    events: {
      description: 'dgb messages (rows of gifts), unknown counts included.',
      unit: 'count',
    },
  },
};

export const coverageGaps: RelationEntry = {
  kind: 'view',
  description:
    'Stretches when no collect session was logged in to a room: missing data, not a quiet room (between the collect_session_spans of the room).',
  columns: {
    room_id: roomId,
    gap_start: { description: 'When the last covering session ended.', unit: 'timestamptz' },
    gap_end: { description: 'When the next session logged in.', unit: 'timestamptz' },
    gap_seconds: { description: 'gap_end - gap_start.', unit: 'seconds' },
  },
};

export const collectSessionSpans: RelationEntry = {
  kind: 'view',
  description:
    'What each logged-in collect session covered of its room (from collect_sessions): what coverage_gaps and room_coverage_daily are computed from.',
  columns: {
    session_id: { description: 'The session (collect_sessions.session_id).' },
    room_id: roomId,
    starts_at: {
      description: 'logged_in_at: from here on the room was covered.',
      unit: 'timestamptz',
    },
    ends_at: {
      description:
        "closed_at; for a session left open (collector killed) that a later session of the room superseded, the last row received from the room before the later one started connecting (at most one heartbeat early); 'infinity' for the room's latest session while it is open.",
      unit: 'timestamptz',
    },
  },
};

export const roomCoverageDaily: RelationEntry = {
  kind: 'view',
  description:
    'Minutes per room and day (UTC and Asia/Shanghai days) when a collect session was logged in to the room: the union of its collect_session_spans (overlaps once, an open session up to now), cut at the day bounds. Computed when read.',
  columns: {
    day_zone: dayZone,
    room_id: roomId,
    day: { description: 'The day in day_zone.', unit: 'date (in day_zone)' },
    covered_minutes: {
      description:
        'Covered time of the day; 1440 is the whole day. Never 0 (such days are absent).',
      unit: 'minutes',
    },
  },
};

export const roomDaily: RelationEntry = {
  kind: 'view',
  description:
    'The daily summary per room, UTC and Asia/Shanghai days: room_daily_counts plus room_coverage_daily. A day with coverage and no rows shows 0 counts (a quiet room); a day with rows and no coverage shows covered_minutes 0.',
  columns: {
    day_zone: dayZone,
    room_id: roomId,
    day: zonedDay,
    messages: { description: 'Chat messages.', unit: 'count' },
    chatters: { description: 'Distinct non-NULL uid that chatted.', unit: 'count' },
    robot_messages: { description: 'Chat messages with is_robot (no dms field).', unit: 'count' },
    gift_events: { description: 'dgb messages (rows of gifts).', unit: 'count' },
    gifts: { description: 'Sum of gift_count (gfcnt), never of combo hits.', unit: 'gifts' },
    entries: { description: 'uenter messages (rows of user_entries).', unit: 'count' },
    covered_minutes: {
      description: 'Minutes of the day a collect session was logged in (room_coverage_daily).',
      unit: 'minutes',
    },
  },
};

const unpriced = 'NULL when gift_catalogue has no entry for the gift (see `danmaku gifts import`).';

export const giftValueDaily: RelationEntry = {
  kind: 'view',
  description:
    'Gifts per room, UTC day and gift id valued with gift_catalogue (from gift_totals_daily); gifts without a catalogue entry stay, with NULL name, price and value.',
  columns: {
    room_id: roomId,
    day,
    gift_id: {
      description: "Douyu's gift id (gifts.gift_id); NULL groups the gifts whose id is unknown.",
    },
    gift_name: { description: `The gift name from gift_catalogue; ${unpriced}` },
    events: { description: 'dgb messages (rows of gifts).', unit: 'count' },
    gifts: { description: 'Sum of gift_count (gfcnt), never of combo hits.', unit: 'gifts' },
    price: { description: `Price of one gift, in price_unit; ${unpriced}`, unit: 'price_unit' },
    value: {
      description: `gifts × price, in price_unit (YUCHI: yuan cents, so value / 100 is yuan); ${unpriced}`,
      unit: 'price_unit',
    },
    price_unit: {
      description: `The currency of price and value (YUCHI or YUWAN, see gift_catalogue); ${unpriced}`,
    },
  },
};
