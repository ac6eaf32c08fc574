import { encodeFrame, SERVER_FRAME_TYPE } from '@danmaku/protocol';
import { countStream, newRoomRecord, type RoomRecord } from './ground-truth.js';
import { generateMessage } from './message-generator.js';
import { RoomSchedule, type RoomTraffic } from './room-schedule.js';
import type { Session } from './session.js';

export interface RoomHubConfig {
  seed: number;
  /** Virtual wall-clock time at the start of every room's stream, for cst/ts fields. */
  epochMs: number;
  traffic(roomId: number): RoomTraffic;
}

/**
 * A room streams only while someone is joined. Its clock (room time) stops while it is empty, so
 * message n of a room is always the same body at the same room time, whoever receives it.
 */
interface Room {
  readonly id: number;
  readonly schedule: RoomSchedule;
  readonly subscribers: Set<Session>;
  readonly record: RoomRecord;
  nextSeq: number;
  /** Room time of message nextSeq. */
  nextDueMs: number;
  /** Wall time = room time + offset, while the room is active. */
  offsetMs: number;
  /** Room time when the room last emptied. */
  pausedAtMs: number;
}

/** A room that fell behind (a blocked event loop) catches up over several ticks, not in one. */
const MAX_MESSAGES_PER_ROOM_TICK = 1_000;

export class RoomHub {
  private readonly rooms = new Map<number, Room>();
  private readonly active = new Set<Room>();

  constructor(private readonly config: RoomHubConfig) {}

  join(session: Session, roomId: number, nowMs: number): void {
    const room = this.room(roomId);
    if (room.subscribers.size === 0) {
      room.offsetMs = nowMs - room.pausedAtMs;
      this.active.add(room);
    }
    room.subscribers.add(session);
  }

  leave(session: Session, roomId: number, nowMs: number): void {
    const room = this.rooms.get(roomId);
    if (room === undefined || !room.subscribers.delete(session)) return;
    if (room.subscribers.size === 0) {
      room.pausedAtMs = nowMs - room.offsetMs;
      this.active.delete(room);
    }
  }

  /** Emits every message that is due; returns how many were delivered to someone. */
  tick(nowMs: number): number {
    let delivered = 0;
    for (const room of this.active) {
      let budget = MAX_MESSAGES_PER_ROOM_TICK;
      while (room.subscribers.size > 0 && room.nextDueMs + room.offsetMs <= nowMs && budget-- > 0) {
        if (this.emit(room)) delivered++;
        room.nextSeq++;
        room.nextDueMs = room.schedule.next();
      }
    }
    return delivered;
  }

  records(): IterableIterator<RoomRecord> {
    return Array.from(this.rooms.values(), (room) => room.record).values();
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
    let delivered = false;
    for (const session of room.subscribers) {
      if (session.deliver(frame, room.id, seq, message.type)) delivered = true;
    }
    if (delivered) countStream(room.record, room.id, seq, message.type);
    return delivered;
  }

  private room(roomId: number): Room {
    let room = this.rooms.get(roomId);
    if (room === undefined) {
      const schedule = new RoomSchedule(this.config.seed, roomId, this.config.traffic(roomId));
      room = {
        id: roomId,
        schedule,
        subscribers: new Set(),
        record: newRoomRecord(roomId),
        nextSeq: 0,
        nextDueMs: schedule.next(),
        offsetMs: 0,
        pausedAtMs: 0,
      };
      this.rooms.set(roomId, room);
    }
    return room;
  }
}
