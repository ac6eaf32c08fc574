import { chatCid, messageTypeAt } from './message-generator.js';

/**
 * Consecutive messages of a room [fromSeq, toSeq) that no session was sent, with the wall times
 * of the first and the last. `whileJoined`: a session was joined but none took them (too slow
 * to read, or a fault made it silent); otherwise nobody was joined.
 */
export interface MissedRun {
  fromSeq: number;
  toSeq: number;
  fromWallMs: number;
  toWallMs: number;
  whileJoined: boolean;
}

/**
 * What a room said. Its clock starts at its first joingroup and never stops after that: message
 * n is always the same body at the same room time, heard or not.
 */
export interface RoomTruth {
  roomId: number;
  /** Wall time (Date.now()) of room time 0: room time t was said at startedAtWallMs + t. */
  startedAtWallMs: number;
  /** Messages said: seqs 0 … said-1 (with `heard`, up to the last tick or truth snapshot). */
  said: number;
  /** Messages sent to at least one session. */
  heard: number;
  /** Heard messages (same as `heard`; the name older callers read). */
  messages: number;
  /** Heard messages by STT `type`. */
  countsByType: Record<string, number>;
  /**
   * Heard broadcasts the writer stores no more, by type: a body the room repeated within the
   * writer's merge window (repeat-tracker.ts), merged into its earlier copy.
   */
  repeatedByType: Record<string, number>;
  /**
   * Heard broadcasts repeating a body near the window's edge (repeat-tracker.ts WINDOW_EDGE_MS),
   * merged or not: the writer, timing by receive times, may decide them the other way.
   */
  repeatsAtEdgeByType: Record<string, number>;
  /** `cid`s of the heard chat messages, in order. */
  cids: string[];
  /** said - heard. */
  missed: number;
  missedRuns: MissedRun[];
  /** `cid`s of the missed chat messages, in order. */
  missedCids: string[];
}

/** A run of consecutive sequence numbers [from, to) of one room. */
export interface SeqRun {
  roomId: number;
  from: number;
  to: number;
}

/** Room truth as recorded: heard seqs as runs, missed ones as timed runs; cids derived on demand. */
export interface RoomRecord {
  roomId: number;
  startedAtWallMs: number;
  said: number;
  messages: number;
  countsByType: Record<string, number>;
  repeatedByType: Record<string, number>;
  repeatsAtEdgeByType: Record<string, number>;
  runs: SeqRun[];
  /** Runs with room times (ms since room time 0), converted to wall times in roomTruth. */
  missed: Array<{ from: number; to: number; firstMs: number; lastMs: number; joined: boolean }>;
}

export function newRoomRecord(roomId: number, startedAtWallMs: number): RoomRecord {
  return {
    roomId,
    startedAtWallMs,
    said: 0,
    messages: 0,
    countsByType: {},
    repeatedByType: {},
    repeatsAtEdgeByType: {},
    runs: [],
    missed: [],
  };
}

export function countRepeat(
  record: RoomRecord,
  type: string,
  verdict: { merged: boolean; edge: boolean },
): void {
  if (verdict.merged) record.repeatedByType[type] = (record.repeatedByType[type] ?? 0) + 1;
  if (verdict.edge) record.repeatsAtEdgeByType[type] = (record.repeatsAtEdgeByType[type] ?? 0) + 1;
}

/** Message `seq`, said at room time `atMs`, was sent to no session. */
export function countMissed(record: RoomRecord, seq: number, atMs: number, joined: boolean): void {
  const last = record.missed[record.missed.length - 1];
  if (last !== undefined && last.to === seq && last.joined === joined) {
    last.to = seq + 1;
    last.lastMs = atMs;
  } else record.missed.push({ from: seq, to: seq + 1, firstMs: atMs, lastMs: atMs, joined });
}

/** Chat cids of runs, each of its own room (session runs) or of `roomId` (room runs). */
export function cidsOf(
  seed: number,
  runs: ReadonlyArray<{ from: number; to: number; roomId?: number }>,
  roomId = -1,
): string[] {
  const cids: string[] = [];
  for (const run of runs) {
    const room = run.roomId ?? roomId;
    for (let seq = run.from; seq < run.to; seq++) {
      if (messageTypeAt(seed, room, seq) === 'chatmsg') cids.push(chatCid(seed, room, seq));
    }
  }
  return cids;
}

export function roomTruth(seed: number, record: RoomRecord, withCids: boolean): RoomTruth {
  const { runs, missed, messages, startedAtWallMs, ...rest } = record;
  const missedCount = missed.reduce((n, run) => n + run.to - run.from, 0);
  return {
    ...rest,
    startedAtWallMs,
    heard: messages,
    messages,
    countsByType: { ...rest.countsByType },
    repeatedByType: { ...rest.repeatedByType },
    repeatsAtEdgeByType: { ...rest.repeatsAtEdgeByType },
    cids: withCids ? cidsOf(seed, runs, record.roomId) : [],
    missed: missedCount,
    missedRuns: missed.map((run) => ({
      fromSeq: run.from,
      toSeq: run.to,
      fromWallMs: startedAtWallMs + run.firstMs,
      toWallMs: startedAtWallMs + run.lastMs,
      whileJoined: run.joined,
    })),
    missedCids: withCids ? cidsOf(seed, missed, record.roomId) : [],
  };
}
