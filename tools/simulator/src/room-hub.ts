import { encodeFrame, SERVER_FRAME_TYPE } from '@danmaku/protocol';
import { countStream } from './ground-truth.js';
import { generateMessage } from './message-generator.js';
import { RoomSchedule, type RoomTraffic } from './room-schedule.js';
import { RepeatTracker } from './repeat-tracker.js';
import { countMissed, countRepeat, newRoomRecord, type RoomRecord } from './room-truth.js';
import type { Session } from './session.js';

export interface RoomHubConfig {
  seed: number;
  /** Virtual wall-clock time at the start of every room's stream, for cst/ts fields. */
  epochMs: number;
  traffic(roomId: number): RoomTraffic;
  /** Real wall clock (Date.now()), to map room time onto the times collectors record. */
  wallNow(): number;
}

/**
 * A room begins at its first joingroup and talks from then on, joined or not, like a live Douyu
 * room: message n of a room is always the same body at the same room time, whoever hears it.
 * Only rooms with someone joined are ticked; an empty room (there may be thousands) costs
 * nothing until it is joined again or the truth is read, when its schedule is advanced past now
 * and every message it said meanwhile is counted as said and missed.
 */
interface Room {
  readonly id: number;
  readonly schedule: RoomSchedule;
  readonly subscribers: Set<Session>;
  readonly record: RoomRecord;
  readonly repeats: RepeatTracker;
  /** performance.now() at room time 0. */
  readonly originMs: number;
  nextSeq: number;
  /** Room time of message nextSeq. */
  nextDueMs: number;
}

/** A room that fell behind (a blocked event loop) catches up over several ticks, not in one. */
const MAX_MESSAGES_PER_ROOM_TICK = 1_000;

export class RoomHub {
  private readonly rooms = new Map<number, Room>();
  private readonly active = new Set<Room>();

  constructor(private readonly config: RoomHubConfig) {}

  join(session: Session, roomId: number, nowMs: number): void {
    const room = this.room(roomId, nowMs);
    if (room.subscribers.size === 0) {
      this.skipUnheard(room, nowMs);
      this.active.add(room);
    }
    room.subscribers.add(session);
  }

  leave(session: Session, roomId: number): void {
    const room = this.rooms.get(roomId);
    if (room === undefined || !room.subscribers.delete(session)) return;
    if (room.subscribers.size === 0) this.active.delete(room);
  }

  /** Emits every message that is due; returns how many were delivered to someone. */
  tick(nowMs: number): number {
    let delivered = 0;
    for (const room of this.active) {
      let budget = MAX_MESSAGES_PER_ROOM_TICK;
      while (room.subscribers.size > 0 && this.isDue(room, nowMs) && budget-- > 0) {
        if (this.emit(room)) delivered++;
        this.advance(room);
      }
    }
    return delivered;
  }

  /** Every room's record, empty rooms brought up to `nowMs` first. */
  records(nowMs: number): IterableIterator<RoomRecord> {
    for (const room of this.rooms.values())
      if (room.subscribers.size === 0) this.skipUnheard(room, nowMs);
    return Array.from(this.rooms.values(), (room) => room.record).values();
  }

  private isDue(room: Room, nowMs: number): boolean {
    return room.originMs + room.nextDueMs <= nowMs;
  }

  private advance(room: Room): void {
    room.record.said++;
    room.nextSeq++;
    room.nextDueMs = room.schedule.next();
  }

  /** What an empty room said up to `nowMs`: said, heard by nobody. */
  private skipUnheard(room: Room, nowMs: number): void {
    while (this.isDue(room, nowMs)) {
      countMissed(room.record, room.nextSeq, room.nextDueMs, false);
      this.advance(room);
    }
  }

  private emit(room: Room): boolean {
    const seq = room.nextSeq;
    const message = generateMessage(
      this.config.seed,
      room.id,
      seq,
      this.config.epochMs + room.nextDueMs,
    );
    const frame = encodeFrame(message.body, SERVER_FRAME_TYPE);
    const heardBy = new Set<number>();
    for (const session of room.subscribers) {
      if (session.deliver(frame, room.id, seq, message.type)) heardBy.add(session.id);
    }
    const delivered = heardBy.size > 0;
    if (delivered) {
      countStream(room.record, room.id, seq, message.type);
      countRepeat(
        room.record,
        message.type,
        room.repeats.check(message.type, message.body, this.config.wallNow(), heardBy),
      );
    } else countMissed(room.record, seq, room.nextDueMs, true);
    return delivered;
  }

  private room(roomId: number, nowMs: number): Room {
    let room = this.rooms.get(roomId);
    if (room === undefined) {
      const schedule = new RoomSchedule(this.config.seed, roomId, this.config.traffic(roomId));
      room = {
        id: roomId,
        schedule,
        subscribers: new Set(),
        record: newRoomRecord(roomId, this.config.wallNow()),
        repeats: new RepeatTracker(),
        originMs: nowMs,
        nextSeq: 0,
        nextDueMs: schedule.next(),
      };
      this.rooms.set(roomId, room);
    }
    return room;
  }
}
