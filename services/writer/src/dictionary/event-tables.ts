import type { RelationEntry } from './dictionary-types.js';
import * as shared from './shared-columns.js';

const source = {
  source_partition: shared.sourcePartition,
  source_offset: shared.sourceOffset,
};

export const chatMessages: RelationEntry = {
  kind: 'table',
  description:
    'One row per chat message (Douyu chatmsg), deduplicated on (room_id, cid) across collectors and days; daily partitions by received_at (UTC).',
  columns: {
    received_at: shared.receivedAt,
    room_id: shared.roomId,
    cid: {
      description:
        "Douyu's unique message id (32 hex characters); '' when absent (such rows are not deduplicated).",
      wire: 'chatmsg.cid',
    },
    uid: shared.uid('chatmsg'),
    nickname: shared.nickname('chatmsg'),
    text: {
      description:
        'The chat text as sent, unescaped; emoticons appear as tokens like [emot:dy118]. NULL when absent.',
      wire: 'chatmsg.txt',
    },
    level: shared.level('chatmsg'),
    badge_name: shared.badgeName('chatmsg'),
    badge_level: shared.badgeLevel('chatmsg'),
    badge_room_id: shared.badgeRoomId('chatmsg'),
    noble_level: shared.nobleLevel('chatmsg'),
    colour: {
      description: `Colour the message is shown in (paid or privileged colours). ${shared.nullWhenAbsent}`,
      wire: 'chatmsg.col',
      codes: [
        ['0', 'default (white)'],
        ['1', 'red'],
        ['2', 'blue'],
        ['3', 'green'],
        ['4', 'orange'],
        ['5', 'purple'],
        ['6', 'pink'],
      ],
    },
    client_type: {
      description: `The client the message was sent from. Only 0 is known; 1, 2, 3, 8 and 14 are seen (apps, other platforms) but Douyu documents no mapping. ${shared.nullWhenAbsent}`,
      wire: 'chatmsg.ct',
      codes: [['0', 'web browser']],
    },
    sent_at: {
      description:
        "The sender's client time (cst): milliseconds, or seconds when it has 10 digits or fewer (then multiplied by 1000). NULL when absent or unparseable: not a decimal integer, not positive, or after 2200-01-01 (the text stays in fields). Douyu itself puts no server time on chat: use received_at.",
      unit: 'timestamptz',
      wire: 'chatmsg.cst',
    },
    is_robot: {
      description:
        'True when the chatmsg has no dms key at all (a dms with an empty value counts as present). Real clients send dms; lines Douyu injects (robot chat the official player hides) lack it. Kept, not dropped: filter on it.',
      wire: 'chatmsg.dms (its absence)',
      codes: [
        ['true', 'no dms field: injected/robot line'],
        ['false', 'dms present: a real client message'],
      ],
    },
    is_cross_room: shared.isCrossRoom,
    fields: shared.fields,
    ...source,
  },
};

export const chatMessageIds: RelationEntry = {
  kind: 'table',
  description:
    'Chat dedupe keys: one row per (room_id, cid) already stored in chat_messages (a unique key on the partitioned table would need received_at); pruned with the partitions. Bookkeeping, not for analysis.',
  columns: {
    room_id: shared.roomId,
    cid: { description: 'The chat message id claimed.', wire: 'chatmsg.cid' },
    received_at: shared.receivedAt,
    ...source,
  },
};

export const gifts: RelationEntry = {
  kind: 'table',
  description:
    'One row per gift event in the room (Douyu dgb). dgb carries no id: two collectors on one room store it once, merged by content_hash. No gift names or prices (no gift catalogue); daily partitions by received_at (UTC).',
  columns: {
    received_at: shared.receivedAt,
    room_id: shared.roomId,
    uid: {
      ...shared.uid('dgb'),
      description: `Douyu user id of the giver. ${shared.uidNull}`,
    },
    nickname: shared.nickname('dgb'),
    level: shared.level('dgb'),
    gift_id: {
      description: `Douyu's gift id (look names and prices up in Douyu's gift list of the room). ${shared.nullWhenAbsent}`,
      wire: 'dgb.gfid',
    },
    gift_count: {
      description:
        'Number of gifts in this event: sum it for totals (sum skips NULL). 1 when gfcnt is absent (older bodies: one gift each); NULL when unparseable (not a decimal integer, or outside the int4 range; the text stays in fields).',
      unit: 'gifts',
      wire: 'dgb.gfcnt',
    },
    combo_hits: {
      description: `Douyu's running combo counter (the 39th in a row shows 39): never sum it. ${shared.nullWhenAbsent}`,
      unit: 'count',
      wire: 'dgb.hits',
    },
    badge_name: shared.badgeName('dgb'),
    badge_level: shared.badgeLevel('dgb'),
    badge_room_id: shared.badgeRoomId('dgb'),
    is_cross_room: shared.isCrossRoom,
    fields: shared.fields,
    content_hash: shared.contentHash,
    session_key: shared.sessionKey,
    ...source,
  },
};

export const userEntries: RelationEntry = {
  kind: 'table',
  description:
    'One row per viewer entering the room (Douyu uenter; only some users trigger it, typically those with a level or rank). No id: two collectors store it once, merged by content_hash; daily partitions by received_at (UTC).',
  columns: {
    received_at: shared.receivedAt,
    room_id: shared.roomId,
    uid: {
      ...shared.uid('uenter'),
      description: `Douyu user id of the viewer. ${shared.uidNull}`,
    },
    nickname: shared.nickname('uenter'),
    level: shared.level('uenter'),
    noble_level: shared.nobleLevel('uenter'),
    is_cross_room: shared.isCrossRoom,
    fields: shared.fields,
    content_hash: shared.contentHash,
    session_key: shared.sessionKey,
    ...source,
  },
};

export const roomEvents: RelationEntry = {
  kind: 'table',
  description:
    'One row per message of every other type (spbc, rss, upgrade, loginres, mrkl, …), losslessly: all fields as jsonb; two collectors store it once, merged by content_hash; daily partitions by received_at (UTC).',
  columns: {
    received_at: shared.receivedAt,
    room_id: shared.roomId,
    type: {
      description:
        'The message type as Douyu names it (e.g. spbc site-wide gift broadcast, rss live status, upgrade, loginres, mrkl heartbeat echo).',
      wire: 'type',
    },
    is_cross_room: shared.isCrossRoom,
    fields: shared.fields,
    body: {
      description:
        'The STT body as received, only when fields cannot reproduce it byte for byte (duplicate keys, odd syntax); NULL otherwise, and always NULL for loginres (it holds the client IP).',
      wire: 'the whole body',
    },
    content_hash: shared.contentHash,
    session_key: shared.sessionKey,
    ...source,
  },
};
