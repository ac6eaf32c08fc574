import { expect } from 'vitest';
import type { GroundTruth, SessionTruth } from '@danmaku/simulator';
import { withPg } from '../../support/index.js';

/** What PostgreSQL holds, per room. */
export interface Stored {
  /** Rows per room and Douyu type over chat_messages, gifts, user_entries and room_events. */
  counts: Map<number, Map<string, number>>;
  chatCids: Map<number, Set<string>>;
  rows: number;
  /** Rows whose (partition, offset) another row also has: a record written twice. */
  coordinateDuplicates: number;
  /** Chat rows beyond one per (room, cid). */
  chatDuplicates: number;
  ingestErrors: number;
  ingestErrorsByReason: Record<string, number>;
}

export async function readStored(url: string): Promise<Stored> {
  return withPg(url, async (c) => {
    const counts = new Map<number, Map<string, number>>();
    const byType = await c.query<{ room_id: number; type: string; n: number }>(`
      SELECT room_id, 'chatmsg' AS type, count(*)::int AS n FROM chat_messages GROUP BY room_id
      UNION ALL SELECT room_id, 'dgb', count(*)::int FROM gifts GROUP BY room_id
      UNION ALL SELECT room_id, 'uenter', count(*)::int FROM user_entries GROUP BY room_id
      UNION ALL SELECT room_id, type, count(*)::int FROM room_events GROUP BY room_id, type`);
    let rows = 0;
    for (const r of byType.rows) {
      let room = counts.get(r.room_id);
      if (!room) counts.set(r.room_id, (room = new Map<string, number>()));
      room.set(r.type, (room.get(r.type) ?? 0) + r.n);
      rows += r.n;
    }
    const chatCids = new Map<number, Set<string>>();
    const cids = await c.query<{ room_id: number; cid: string }>(
      'SELECT room_id, cid FROM chat_messages',
    );
    let chatRows = 0;
    for (const r of cids.rows) {
      chatRows++;
      let set = chatCids.get(r.room_id);
      if (!set) chatCids.set(r.room_id, (set = new Set()));
      set.add(r.cid);
    }
    const distinctChat = [...chatCids.values()].reduce((n, s) => n + s.size, 0);
    const coords = await c.query<{ total: number; distinct: number }>(`
      SELECT count(*)::int AS total, count(DISTINCT (source_partition, source_offset))::int AS distinct FROM (
        SELECT source_partition, source_offset FROM chat_messages UNION ALL
        SELECT source_partition, source_offset FROM gifts UNION ALL
        SELECT source_partition, source_offset FROM user_entries UNION ALL
        SELECT source_partition, source_offset FROM room_events) s`);
    const errors = await c.query<{ reason: string; n: number }>(
      'SELECT reason, count(*)::int AS n FROM ingest_errors GROUP BY reason',
    );
    const ingestErrorsByReason = Object.fromEntries(errors.rows.map((r) => [r.reason, r.n]));
    return {
      counts,
      chatCids,
      rows,
      coordinateDuplicates: (coords.rows[0]?.total ?? 0) - (coords.rows[0]?.distinct ?? 0),
      chatDuplicates: chatRows - distinctChat,
      ingestErrors: errors.rows.reduce((n, r) => n + r.n, 0),
      ingestErrorsByReason,
    };
  });
}

export interface Comparison {
  /** Frames the simulator sent to sessions that logged in (stream + control), all types. */
  sent: number;
  /** Room traffic among them. */
  streamSent: number;
  malformedSent: number;
  stored: number;
  ingestErrors: number;
  /** Sent, not stored: per room and type, chat by cid. */
  lost: number;
  /** Stored more often than sent (per room and type), or one record written twice. */
  duplicated: number;
  /** Chat cids stored that the simulator never sent. */
  phantom: number;
  /** Heard bodies a room repeated within the merge window: expected once (not lost). */
  repeatsMerged: number;
  /** Repeats near the window's edge, which the writer (timing by receive times) may decide the other way. */
  repeatsAtEdge: number;
  /** Rows above or below the expected count explained by such repeats (tolerated, not lost). */
  decidedAtEdge: number;
  lostByRoom: Map<number, number>;
  lostChatCids: Map<number, string[]>;
}

function roomOf(s: SessionTruth): number | null {
  return s.loginRoomId ?? s.roomId;
}

/**
 * PostgreSQL against the simulator's ground truth (taken after every session closed). Room traffic
 * is expected once per room however many sessions heard it (replicas, a split brain): the room's
 * own count of what it sent to at least one session, and its chat cids. Control frames are replies
 * to one session each, so every session's are expected.
 */
export function compareWithTruth(truth: GroundTruth, stored: Stored): Comparison {
  const expected = new Map<number, Map<string, number>>();
  const expectedCids = new Map<number, Set<string>>();
  const countsOf = (room: number): Map<string, number> => {
    let counts = expected.get(room);
    if (!counts) expected.set(room, (counts = new Map<string, number>()));
    return counts;
  };
  const add = (counts: Map<string, number>, byType: Record<string, number>): void => {
    for (const [type, n] of Object.entries(byType)) counts.set(type, (counts.get(type) ?? 0) + n);
  };
  let sent = 0;
  let streamSent = 0;
  let malformedSent = 0;
  let repeatsMerged = 0;
  let repeatsAtEdge = 0;
  let decidedAtEdge = 0;
  const edges = new Map<number, Record<string, number>>();
  for (const s of truth.sessions) {
    const room = roomOf(s);
    if (room === null) continue;
    add(countsOf(room), s.controlCountsByType);
    for (const n of Object.values(s.countsByType)) sent += n;
    streamSent += s.streamMessages;
    malformedSent += s.malformedFrames;
  }
  for (const room of Object.values(truth.rooms)) {
    const counts = countsOf(room.roomId);
    add(counts, room.countsByType);
    // Repeats within the merge window are stored once (the merge's documented ambiguity).
    for (const [type, n] of Object.entries(room.repeatedByType)) {
      counts.set(type, (counts.get(type) ?? 0) - n);
      repeatsMerged += n;
    }
    for (const n of Object.values(room.repeatsAtEdgeByType)) repeatsAtEdge += n;
    edges.set(room.roomId, room.repeatsAtEdgeByType);
    expectedCids.set(room.roomId, new Set(room.cids));
  }
  let lost = 0;
  let duplicated = stored.coordinateDuplicates + stored.chatDuplicates;
  let phantom = 0;
  const lostByRoom = new Map<number, number>();
  const lostChatCids = new Map<number, string[]>();
  const rooms = new Set([...expected.keys(), ...stored.counts.keys()]);
  for (const room of rooms) {
    const want = expected.get(room) ?? new Map<string, number>();
    const have = stored.counts.get(room) ?? new Map<string, number>();
    let roomLost = 0;
    for (const type of new Set([...want.keys(), ...have.keys()])) {
      if (type === 'chatmsg') continue;
      const diff = (want.get(type) ?? 0) - (have.get(type) ?? 0);
      if (diff !== 0 && Math.abs(diff) <= (edges.get(room)?.[type] ?? 0)) {
        decidedAtEdge += Math.abs(diff);
        continue;
      }
      if (diff > 0) roomLost += diff;
      else duplicated -= diff;
    }
    const wantCids = expectedCids.get(room) ?? new Set<string>();
    const haveCids = stored.chatCids.get(room) ?? new Set<string>();
    const missing = [...wantCids].filter((cid) => !haveCids.has(cid));
    for (const cid of haveCids) if (!wantCids.has(cid)) phantom++;
    if (missing.length > 0) lostChatCids.set(room, missing);
    roomLost += missing.length;
    if (roomLost > 0) lostByRoom.set(room, roomLost);
    lost += roomLost;
  }
  return {
    sent,
    streamSent,
    malformedSent,
    stored: stored.rows,
    ingestErrors: stored.ingestErrors,
    lost,
    duplicated,
    phantom,
    repeatsMerged,
    repeatsAtEdge,
    decidedAtEdge,
    lostByRoom,
    lostChatCids,
  };
}

/**
 * Writer-level exactness with one collector per room: every Kafka record became one row or one
 * ingest_errors entry, except the repeats the merge stored once (give or take those at the edge).
 */
export function expectRecordsAccounted(records: number, stored: Stored, c: Comparison): void {
  const accounted = stored.rows + stored.ingestErrors + c.repeatsMerged;
  expect(
    Math.abs(records - accounted),
    `${records} records vs ${stored.rows} rows + ${stored.ingestErrors} ingest_errors + ${c.repeatsMerged} merged repeats`,
  ).toBeLessThanOrEqual(c.repeatsAtEdge);
}

export function describeComparison(c: Comparison): string {
  return (
    `sent ${c.sent} frames (${c.streamSent} room messages, ${c.malformedSent} malformed), ` +
    `stored ${c.stored} rows + ${c.ingestErrors} ingest_errors, lost ${c.lost}, ` +
    `duplicated ${c.duplicated}, phantom ${c.phantom}, repeats merged ${c.repeatsMerged} (${c.decidedAtEdge} of ${c.repeatsAtEdge} at the window edge decided otherwise)`
  );
}
