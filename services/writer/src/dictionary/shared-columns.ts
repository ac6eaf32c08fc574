import type { ColumnEntry } from './dictionary-types.js';

// Columns that several tables share, described once. Numbers from the wire are decimal text in
// Douyu's STT; the writer stores NULL for an absent field, and for a value that is empty, not a
// decimal integer of at most 17 characters, or outside its column's range (int4, or ±(2^53 - 1)
// for uid). The text stays in fields; danmaku_writer_values_unparsed_total counts the latter.

/** The NULL rule of a number column. */
export const nullWhenAbsent =
  'NULL when absent or unparseable (not a decimal integer, or outside the int4 range; the text stays in fields).';
/** The NULL rule of a text column. */
export const nullWhenAbsentText = 'NULL when absent.';

export const receivedAt: ColumnEntry = {
  description:
    'When the collector received the message (the Kafka record timestamp, fixed at the collector, so a replay lands on the same day). The tables are partitioned by its UTC day: filter on it.',
  unit: 'timestamptz',
};

export const roomId: ColumnEntry = {
  description:
    "The room the collector subscribed to (the record key), not the message's own rid; see is_cross_room.",
  unit: 'Douyu room id',
};

export const sourcePartition: ColumnEntry = {
  description:
    'Kafka partition of douyu.raw.v1 the row was read from; -1 for the embedded in-process queue of `danmaku run`. With source_offset and received_at it is unique per table.',
};

export const sourceOffset: ColumnEntry = {
  description:
    'Kafka offset of the record within source_partition (the embedded queue numbers its own). Replays and redeliveries of the same offset never add a row.',
};

export const sessionKey: ColumnEntry = {
  description:
    "Which connection received the row: a 64-bit hash of the collector's session id (signed). One connection receives each broadcast once, so the merge never takes two rows of one session for copies of each other. NULL on rows stored before migration 0013.",
  unit: 'hash',
  wire: 'the collector session id (not on the wire)',
};

export const contentHash: ColumnEntry = {
  description:
    'The merge key: a 64-bit hash of the body exactly as received (signed). Two collectors on one room store a message once: a body already stored for the room from another connection (session_key) less than WRITER_MERGE_WINDOW_MS (default 2 s) apart in received_at is not stored again (RELIABILITY.md, "Redundant capture: the merge rule"). NULL on a reply to one session (loginres, keeplive, mrkl, pingreq, error: each session keeps its own) and on rows stored before migration 0012.',
  unit: 'hash',
  wire: 'the whole body',
};

/** uid is int8: it holds any integer the writer reads (up to ±(2^53 - 1)). */
export const uidNull =
  'NULL when absent or unparseable (not a decimal integer, or beyond ±(2^53 - 1); the text stays in fields).';

export const uid = (message: string): ColumnEntry => ({
  description: `Douyu user id of the sender. ${uidNull}`,
  wire: `${message}.uid`,
});

export const nickname = (message: string): ColumnEntry => ({
  description: `The user's display name at that moment (users can rename). ${nullWhenAbsentText}`,
  wire: `${message}.nn`,
});

export const level = (message: string): ColumnEntry => ({
  description: `The user's Douyu account level (grows with activity, site-wide, not per room). ${nullWhenAbsent}`,
  unit: 'level',
  wire: `${message}.level`,
});

export const nobleLevel = (message: string): ColumnEntry => ({
  description: `The user's noble (贵族, paid membership) rank; higher is a more expensive rank. ${nullWhenAbsent}`,
  unit: 'rank',
  wire: `${message}.nl`,
  codes: [['0', 'not a noble']],
});

export const badgeName = (message: string): ColumnEntry => ({
  description:
    "Name of the fan badge (粉丝牌) the user wears, a streamer's fan club; '' when none (Douyu sends bnn empty), NULL when absent.",
  wire: `${message}.bnn`,
});

export const badgeLevel = (message: string): ColumnEntry => ({
  description: `Level of the fan badge worn (intimacy with that streamer). ${nullWhenAbsent}`,
  unit: 'level',
  wire: `${message}.bl`,
  codes: [['0', 'no badge']],
});

export const badgeRoomId = (message: string): ColumnEntry => ({
  description: `The room whose fan club the badge belongs to; often not the room the message is in. ${nullWhenAbsent}`,
  unit: 'Douyu room id',
  wire: `${message}.brid`,
  codes: [['0', 'no badge']],
});

export const isCrossRoom: ColumnEntry = {
  description:
    'True when the message names a room other than room_id: its rid is present, not empty, and is not room_id (a rid that is not a number counts as another room). Douyu broadcasts some messages across rooms.',
  wire: 'rid',
};

export const fields: ColumnEntry = {
  description:
    "Every wire field of the message as a JSON object of strings (last duplicate key wins, values unescaped once; nested STT such as el stays STT text), e.g. fields->>'ic' (avatar). The loginres client IP (ip) is never stored.",
  wire: 'all fields',
};
