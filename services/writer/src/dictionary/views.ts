import type { RelationEntry } from './dictionary-types.js';

const roomId = { description: 'The room (as in chat_messages.room_id).', unit: 'Douyu room id' };
const day = { description: 'The UTC day of received_at.', unit: 'date (UTC)' };

export const chatPerMinute: RelationEntry = {
  kind: 'view',
  description: 'Chat activity per room and minute (from chat_messages).',
  columns: {
    room_id: roomId,
    minute: { description: 'Start of the minute of received_at.', unit: 'timestamptz' },
    messages: { description: 'Chat messages in the minute, robot lines included.', unit: 'count' },
    chatters: { description: 'Distinct uid that chatted in the minute.', unit: 'count' },
    robot_messages: { description: 'Messages with is_robot (no dms field).', unit: 'count' },
  },
};

export const topChattersDaily: RelationEntry = {
  kind: 'view',
  description: 'Chatters ranked by messages per room and UTC day (from chat_messages).',
  columns: {
    room_id: roomId,
    day,
    uid: { description: 'Douyu user id.' },
    nickname: { description: "The user's latest nickname that day." },
    messages: { description: 'Chat messages that day in that room.', unit: 'count' },
    rank: { description: 'rank() by messages, 1 = most; ties share a rank.', unit: 'rank' },
  },
};

export const giftTotalsDaily: RelationEntry = {
  kind: 'view',
  description: 'Gifts per room, UTC day and gift id (from gifts): counts, not money.',
  columns: {
    room_id: roomId,
    day,
    gift_id: { description: "Douyu's gift id (gifts.gift_id)." },
    gifts: { description: 'Sum of gift_count (gfcnt), never of combo hits.', unit: 'gifts' },
    senders: { description: 'Distinct uid that gave this gift that day.', unit: 'count' },
    events: { description: 'dgb messages (rows of gifts).', unit: 'count' },
  },
};

export const coverageGaps: RelationEntry = {
  kind: 'view',
  description:
    'Stretches when no collect session was logged in to a room: missing data, not a quiet room (from collect_sessions; an open session superseded by a later one is taken as lost after its last row).',
  columns: {
    room_id: roomId,
    gap_start: { description: 'When the last covering session ended.', unit: 'timestamptz' },
    gap_end: { description: 'When the next session logged in.', unit: 'timestamptz' },
    gap_seconds: { description: 'gap_end - gap_start.', unit: 'seconds' },
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
    gift_id: { description: "Douyu's gift id (gifts.gift_id)." },
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
