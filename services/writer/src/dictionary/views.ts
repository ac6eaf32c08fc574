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
    'Chatters ranked by messages per room and UTC day (from chat_messages; rows without a known uid are left out).',
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
    'Stretches when no collect session was logged in to a room: missing data, not a quiet room (from collect_sessions; an open session superseded by a later one is taken as lost after its last row).',
  columns: {
    room_id: roomId,
    gap_start: { description: 'When the last covering session ended.', unit: 'timestamptz' },
    gap_end: { description: 'When the next session logged in.', unit: 'timestamptz' },
    gap_seconds: { description: 'gap_end - gap_start.', unit: 'seconds' },
  },
};
