// Two collectors ("replicas") on one room, as the writer receives them: each server broadcast
// twice, in the same partition, at different offsets, receive times 5 ms apart (every other
// pair with the second copy's time *earlier*: replica clocks disagree). Plus the cases the merge
// rule must keep apart: the same body again past the window, exactly at the window, and in
// another room. `kept` marks the copies the writer must store (the first in offset order).
import type { Message } from 'kafkajs';

export const MERGE_ROOM = 5050;
export const OTHER_ROOM = 5051;
export const PAIRS = 30;
const T0 = Date.UTC(2026, 10, 1, 12);
/** The writer's default WRITER_MERGE_WINDOW_MS. */
const WINDOW_MS = 2000;

export interface MergeRecord {
  room: number;
  body: string;
  receivedAtMs: number;
  collector: 'a' | 'b';
  kept: boolean;
}

function pairBodies(k: number): string[] {
  const r = MERGE_ROOM;
  return [
    `type@=chatmsg/rid@=${r}/uid@=${k}/nn@=u${k}/txt@=t${k}/cid@=m${k}/dms@=1/`,
    `type@=dgb/rid@=${r}/uid@=${k}/nn@=u${k}/gfid@=824/gfcnt@=2/hits@=1/`,
    `type@=uenter/rid@=${r}/uid@=${k}/nn@=u${k}/level@=3/`,
    `type@=spbc/rid@=${r}/sn@=u${k}/dn@=d/gn@=g/gc@=1/drid@=${r}/`,
  ];
}

export function mergeRecords(): MergeRecord[] {
  const out: MergeRecord[] = [];
  const copy = (room: number, body: string, at: number, kept = true): void => {
    out.push({ room, body, receivedAtMs: at, collector: 'a', kept });
  };
  const replica = (room: number, body: string, at: number): void => {
    out.push({ room, body, receivedAtMs: at, collector: 'b', kept: false });
  };
  for (let k = 0; k < PAIRS; k++) {
    const at = T0 + k * 100;
    const bodies = pairBodies(k);
    for (const body of bodies) copy(MERGE_ROOM, body, at);
    for (const body of bodies) replica(MERGE_ROOM, body, k % 2 === 0 ? at + 5 : at - 5);
  }
  // The same gift body 2.5 s later: a second message (both times with its replica).
  const again = `type@=dgb/rid@=${MERGE_ROOM}/uid@=99/gfid@=825/gfcnt@=1/hits@=1/`;
  for (const at of [T0 + 10_000, T0 + 12_500]) {
    copy(MERGE_ROOM, again, at);
    replica(MERGE_ROOM, again, at + 5);
  }
  // Exactly one window apart is two messages too (|Δ| < window merges).
  const edge = `type@=uenter/rid@=${MERGE_ROOM}/uid@=98/nn@=edge/level@=1/`;
  copy(MERGE_ROOM, edge, T0 + 20_000);
  copy(MERGE_ROOM, edge, T0 + 20_000 + WINDOW_MS);
  // The first pair's gift body, received in another room: stored there.
  copy(OTHER_ROOM, pairBodies(0)[1] as string, T0 + 3);
  return out;
}

/** Rows each table must hold. */
export const mergeExpected = { chat: PAIRS, gifts: PAIRS + 3, entries: PAIRS + 2, events: PAIRS };

export function mergeMessages(records: readonly MergeRecord[]): Message[] {
  return records.map((r, seq) => ({
    key: String(r.room),
    value: r.body,
    timestamp: String(r.receivedAtMs),
    headers: {
      type: r.body.slice(6, r.body.indexOf('/')),
      session: `${r.collector}-${r.room}`,
      collector: r.collector,
      seq: String(seq),
    },
  }));
}

/** The offsets (positions in one partition) of the copies that must be stored. */
export function keptOffsets(records: readonly MergeRecord[]): string[] {
  return records.flatMap((r, i) => (r.kept ? [String(i)] : []));
}

/** Every stored event row's (offset), all four tables, in order: compared with keptOffsets. */
export const storedOffsetsSql = `SELECT source_offset::text AS o FROM (
  SELECT source_offset FROM chat_messages UNION ALL SELECT source_offset FROM gifts
  UNION ALL SELECT source_offset FROM user_entries UNION ALL SELECT source_offset FROM room_events
) s ORDER BY source_offset`;

export const tableCountsSql = `SELECT (SELECT count(*)::int FROM chat_messages) AS chat,
  (SELECT count(*)::int FROM gifts) AS gifts, (SELECT count(*)::int FROM user_entries) AS entries,
  (SELECT count(*)::int FROM room_events) AS events`;

/** room_daily_counts (UTC) of the merged room: the triggers counted each kept row once. */
export const mergeRollupSql = `SELECT messages::int, gift_events::int, gifts::int, entries::int
  FROM room_daily_counts WHERE day_zone = 'UTC' AND room_id = ${MERGE_ROOM}`;

export const mergeRollupExpected = {
  messages: PAIRS,
  gift_events: PAIRS + 2,
  gifts: PAIRS * 2 + 2,
  entries: PAIRS + 2,
};
