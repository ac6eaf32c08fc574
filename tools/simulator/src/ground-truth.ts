import { writeFile } from 'node:fs/promises';
import type { FaultConfig } from './faults.js';
import { cidsOf, roomTruth, type RoomRecord, type RoomTruth, type SeqRun } from './room-truth.js';
import type { TransportKind } from './transport.js';

/** Why a session ended, as the server saw it. Missing values are null, so a JSON dump round-trips. */
export type CloseReason =
  | 'client-closed'
  | 'logout'
  | 'close-after-messages'
  | 'close-after-ms'
  | 'malformed'
  | 'dropped'
  | 'reset'
  | 'client-protocol-error'
  | 'simulator-closed';

/** What one connection was sent. Counts include control frames (loginres, pingreq, mrkl, error). */
export interface SessionTruth {
  sessionId: number;
  transport: TransportKind;
  port: number;
  /** Room of the loginreq, if one came. */
  loginRoomId: number | null;
  /** Room of the last joingroup, if one came. */
  roomId: number | null;
  connectedAtMs: number;
  closedAtMs: number | null;
  closeReason: CloseReason | null;
  /** Every well-formed frame sent, by its STT `type`. */
  countsByType: Record<string, number>;
  /**
   * The control frames among them (replies to this session: loginres, pingreq, keeplive, mrkl,
   * error), by type. The rest is room traffic, which every session joined to the room shares.
   */
  controlCountsByType: Record<string, number>;
  /** Room traffic frames among them. */
  streamMessages: number;
  /** `cid`s of the chat messages sent, in order. */
  cids: string[];
  malformedFrames: number;
  /** Frames not sent because the client was too slow to read (over maxBufferedBytes). */
  droppedFrames: number;
  faults: FaultConfig;
}

export interface GroundTruth {
  seed: number;
  rooms: Record<string, RoomTruth>;
  sessions: SessionTruth[];
  totals: {
    sessions: number;
    refusedConnections: number;
    streamMessages: number;
    malformedFrames: number;
    droppedFrames: number;
    /** Closed sessions forgotten to keep memory bounded (oldest first). */
    evictedSessions: number;
  };
}

/** Session truth as recorded: cids are kept as seq runs and derived only when asked for. */
export type SessionRecord = Omit<SessionTruth, 'cids'> & { runs: SeqRun[] };

export function newSessionRecord(
  sessionId: number,
  transport: TransportKind,
  port: number,
  nowMs: number,
): SessionRecord {
  return {
    sessionId,
    transport,
    port,
    loginRoomId: null,
    roomId: null,
    connectedAtMs: nowMs,
    closedAtMs: null,
    closeReason: null,
    countsByType: {},
    controlCountsByType: {},
    streamMessages: 0,
    runs: [],
    malformedFrames: 0,
    droppedFrames: 0,
    faults: {},
  };
}

export function countFrame(record: { countsByType: Record<string, number> }, type: string): void {
  record.countsByType[type] = (record.countsByType[type] ?? 0) + 1;
}

/** A control frame sent to one session (not room traffic). */
export function countControl(record: SessionRecord, type: string): void {
  countFrame(record, type);
  record.controlCountsByType[type] = (record.controlCountsByType[type] ?? 0) + 1;
}

export function countStream(
  record: SessionRecord | RoomRecord,
  roomId: number,
  seq: number,
  type: string,
): void {
  countFrame(record, type);
  if ('streamMessages' in record) record.streamMessages++;
  else record.messages++;
  const last = record.runs[record.runs.length - 1];
  if (last !== undefined && last.roomId === roomId && last.to === seq) last.to = seq + 1;
  else record.runs.push({ roomId, from: seq, to: seq + 1 });
}

export function sessionTruth(seed: number, record: SessionRecord, withCids: boolean): SessionTruth {
  const { runs, ...rest } = record;
  return {
    ...rest,
    countsByType: { ...rest.countsByType },
    controlCountsByType: { ...rest.controlCountsByType },
    faults: { ...rest.faults },
    cids: withCids ? cidsOf(seed, runs) : [],
  };
}

/** Counters the simulator keeps outside the records. */
export interface TruthCounters {
  sessions: number;
  refusedConnections: number;
  evictedSessions: number;
}

export function buildGroundTruth(
  seed: number,
  roomRecords: Iterable<RoomRecord>,
  sessionRecords: Iterable<SessionRecord>,
  withCids: boolean,
  counters: TruthCounters,
): GroundTruth {
  const rooms: GroundTruth['rooms'] = {};
  for (const record of roomRecords)
    rooms[String(record.roomId)] = roomTruth(seed, record, withCids);
  const sessions = Array.from(sessionRecords, (record) => sessionTruth(seed, record, withCids));
  const sum = (pick: (s: SessionTruth) => number): number =>
    sessions.reduce((total, s) => total + pick(s), 0);
  return {
    seed,
    rooms,
    sessions,
    totals: {
      ...counters,
      streamMessages: sum((s) => s.streamMessages),
      malformedFrames: sum((s) => s.malformedFrames),
      droppedFrames: sum((s) => s.droppedFrames),
    },
  };
}

export async function writeTruthFile(path: string, truth: GroundTruth): Promise<void> {
  await writeFile(path, JSON.stringify(truth) + '\n', 'utf8');
}
