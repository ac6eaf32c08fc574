import type { ColumnEntry, RelationEntry } from './dictionary-types.js';

const maintained =
  'Kept by triggers on the event tables in the transaction that writes the rows, equal to a recount of the stored rows; rows dropped by retention stay counted.';

export const dayZone: ColumnEntry = {
  description:
    'Which clock the day is on: every room-day exists once per zone. Filter on it, or every count doubles.',
  codes: [
    ['UTC', 'UTC days, like the partitions'],
    ['Asia/Shanghai', "China's days (UTC+8), Douyu's audience's"],
  ],
};

export const zonedDay: ColumnEntry = {
  description: 'The day of received_at in day_zone.',
  unit: 'date (in day_zone)',
};

const roomId: ColumnEntry = {
  description: 'The room (as in chat_messages.room_id).',
  unit: 'Douyu room id',
};

export const roomDailyCounts: RelationEntry = {
  kind: 'table',
  description: `Counters per room and day (UTC and Asia/Shanghai days); read them through room_daily, which adds the covered minutes. ${maintained}`,
  columns: {
    day_zone: dayZone,
    room_id: roomId,
    day: zonedDay,
    messages: { description: 'Chat messages (rows of chat_messages).', unit: 'count' },
    chatters: {
      description:
        'Distinct non-NULL uid that chatted (rows of chatter_daily with a uid): not additive across days or rooms.',
      unit: 'count',
    },
    robot_messages: {
      description: 'Chat messages with is_robot (no dms field).',
      unit: 'count',
    },
    gift_events: { description: 'dgb messages (rows of gifts).', unit: 'count' },
    gifts: {
      description: 'Sum of gift_count (gfcnt), never of combo hits; a NULL gift_count adds 0.',
      unit: 'gifts',
    },
    entries: { description: 'uenter messages (rows of user_entries).', unit: 'count' },
  },
};

export const chatterDaily: RelationEntry = {
  kind: 'table',
  description: `One row per chatter, room and day (UTC and Asia/Shanghai days): what top_chatters_daily ranks and room_daily_counts.chatters counts. ${maintained}`,
  columns: {
    day_zone: dayZone,
    room_id: roomId,
    day: zonedDay,
    uid: {
      description:
        'Douyu user id (chat_messages.uid); the messages whose uid is NULL share one row with uid NULL, which counts as no chatter.',
    },
    messages: { description: 'Chat messages of the uid that day in that room.', unit: 'count' },
    nickname: {
      description:
        "The uid's latest non-NULL nickname that day (the greater text when two messages share the instant); NULL when none had one.",
    },
    nickname_at: {
      description: 'received_at of the message the nickname comes from.',
      unit: 'timestamptz',
    },
  },
};

export const giftDaily: RelationEntry = {
  kind: 'table',
  description: `One row per room, day (UTC and Asia/Shanghai days), gift id and sender: what gift_totals_daily sums. ${maintained}`,
  columns: {
    day_zone: dayZone,
    room_id: roomId,
    day: zonedDay,
    gift_id: { description: "Douyu's gift id (gifts.gift_id); NULL groups the gifts without one." },
    uid: { description: 'The sender (gifts.uid); NULL groups the gifts without one.' },
    gifts: {
      description: 'Sum of gift_count (gfcnt), never of combo hits; a NULL gift_count adds 0.',
      unit: 'gifts',
    },
    events: { description: 'dgb messages (rows of gifts).', unit: 'count' },
  },
};
