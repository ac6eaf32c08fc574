// Known rows for test/docs-queries.test.ts: two rooms (288016, 9999) over 2026-11-01..03, raw
// Douyu bodies and session events fed through the writer's own batch path. The expected answers
// in that test are worked out by hand from this list.
import { decodeKafkaMessage, type SourceEntry } from '@danmaku/records';

export const ROOM = 288016;
export const OTHER_ROOM = 9999;
export const USER = 20001020;

const topics = { raw: 'raw', sessions: 'sessions' };
let offset = 0;

/** A UTC time on day 1, 2 or 3 of 2026-11, written `hh:mm:ss`. */
export const at = (day: 1 | 2 | 3, time: string): number => Date.parse(`2026-11-0${day}T${time}Z`);

function raw(room: number, ms: number, body: string): SourceEntry {
  return decodeKafkaMessage(topics, 'raw', 0, {
    offset: String(offset++),
    key: Buffer.from(String(room)),
    value: Buffer.from(body),
    timestamp: String(ms),
  });
}

const escape = (text: string): string => text.replaceAll('@', '@A').replaceAll('/', '@S');

interface ChatOptions {
  robot?: boolean;
  rid?: number;
  noble?: number;
  badgeRoom?: number;
}

function chat(room: number, ms: number, uid: number, text: string, o: ChatOptions = {}) {
  const badge =
    o.badgeRoom === undefined ? '' : `bnn@=fans${o.badgeRoom}/bl@=3/brid@=${o.badgeRoom}/`;
  return raw(
    room,
    ms,
    `type@=chatmsg/rid@=${o.rid ?? room}/uid@=${uid}/nn@=u${uid}/txt@=${escape(text)}/` +
      `cid@=c${offset}/level@=${uid % 40}/nl@=${o.noble ?? 0}/${badge}${o.robot === true ? '' : 'dms@=4/'}`,
  );
}

const gift = (room: number, ms: number, uid: number, gfid: number, gfcnt: number, hits: number) =>
  raw(
    room,
    ms,
    `type@=dgb/rid@=${room}/uid@=${uid}/nn@=u${uid}/gfid@=${gfid}/gfcnt@=${gfcnt}/hits@=${hits}/`,
  );

const enter = (room: number, ms: number, uid: number) =>
  raw(room, ms, `type@=uenter/rid@=${room}/uid@=${uid}/nn@=u${uid}/level@=5/`);

function session(id: string, room: number, event: string, ms: number): SourceEntry {
  const value = {
    session: id,
    room,
    collector: 'c',
    transport: 'ws',
    endpoint: 'e',
    event,
    at: ms,
  };
  return decodeKafkaMessage(topics, 'sessions', 0, {
    offset: String(offset++),
    key: Buffer.from(String(room)),
    value: Buffer.from(JSON.stringify({ ...value, reason: null, messages: 0 })),
    timestamp: String(ms),
  });
}

export const datasetRecords: SourceEntry[] = [
  // Room 288016, day 1: 5 messages, 3 chatters (and one unknown uid), 1 robot line.
  chat(ROOM, at(1, '10:00:05'), USER, 'hello world', { noble: 3, badgeRoom: OTHER_ROOM }),
  chat(ROOM, at(1, '10:00:30'), 1001, '666'),
  chat(ROOM, at(1, '10:00:40'), 1002, '666', { robot: true }),
  chat(ROOM, at(1, '10:01:10'), 1001, 'hello there', { badgeRoom: ROOM }),
  // A hostile body: its uid and level do not parse, so both are NULL. No chatter, no sender.
  raw(
    ROOM,
    at(1, '10:04:00'),
    'type@=chatmsg/rid@=288016/uid@=notanumber/nn@=ghost/txt@=gg/cid@=cx/level@=x/nl@=0/dms@=1/',
  ),
  // Day 2: 6 messages, 5 chatters; peak 20:15 with 4; 1003 and 1004 are new; one cross-room line.
  chat(ROOM, at(2, '20:15:01'), 1001, '666'),
  chat(ROOM, at(2, '20:15:02'), 1003, '666 [emot:dy118]'),
  chat(ROOM, at(2, '20:15:30'), 1004, 'Hello [emot:dy118]'),
  chat(ROOM, at(2, '20:15:59'), 1003, '主播好'),
  chat(ROOM, at(2, '20:16:10'), USER, 'bye', { rid: 5555 }),
  chat(ROOM, at(2, '21:00:00'), 1002, 'hi', { robot: true }),
  // Day 3: 2 messages; 1003 returns, 1005 is new.
  chat(ROOM, at(3, '09:00:00'), 1003, '主播好'),
  chat(ROOM, at(3, '09:00:10'), 1005, '主播好呀'),
  // Room 9999: the user chats here more than in 288016.
  chat(OTHER_ROOM, at(1, '11:00:00'), USER, 'hello'),
  chat(OTHER_ROOM, at(1, '11:00:20'), 1006, 'hi'),
  chat(OTHER_ROOM, at(2, '20:15:10'), USER, 'hello again'),
  chat(OTHER_ROOM, at(3, '12:00:00'), USER, 'again'),
  // Gifts in 288016: day 1 11 gifts from 2 senders, day 2 32 gifts from 2 senders.
  gift(ROOM, at(1, '10:02:00'), 1001, 824, 5, 1),
  gift(ROOM, at(1, '10:02:01'), 1001, 824, 5, 2),
  gift(ROOM, at(1, '10:03:00'), USER, 825, 1, 1),
  // Neither its sender nor its count parses: an event with no known sender and no known count.
  raw(
    ROOM,
    at(1, '10:03:30'),
    'type@=dgb/rid@=288016/uid@=notanumber/nn@=ghost/gfid@=824/gfcnt@=lots/hits@=1/',
  ),
  gift(ROOM, at(2, '20:20:00'), 1003, 824, 30, 30),
  gift(ROOM, at(2, '20:21:00'), 1001, 825, 2, 1),
  enter(ROOM, at(1, '09:59:00'), 1001),
  enter(ROOM, at(1, '10:05:00'), 1007),
  raw(ROOM, at(2, '20:30:00'), 'type@=spbc/sn@=u1003/gn@=rocket/drid@=288016/'),
  // Sessions: 288016 covered 09:00-12:00 and 23:00-02:00, then 20:00 (day 2)-10:00 (day 3);
  // a second collector overlaps the last one (20:30-21:00), which must count once.
  session('a1', ROOM, 'logged_in', at(1, '09:00:00')),
  session('a1', ROOM, 'closed', at(1, '12:00:00')),
  session('a2', ROOM, 'logged_in', at(1, '23:00:00')),
  session('a2', ROOM, 'closed', at(2, '02:00:00')),
  session('a3', ROOM, 'logged_in', at(2, '20:00:00')),
  session('a3', ROOM, 'closed', at(3, '10:00:00')),
  session('a4', ROOM, 'logged_in', at(2, '20:30:00')),
  session('a4', ROOM, 'closed', at(2, '21:00:00')),
  session('b1', OTHER_ROOM, 'logged_in', at(1, '10:55:00')),
  session('b1', OTHER_ROOM, 'closed', at(1, '11:05:00')),
  session('b2', OTHER_ROOM, 'logged_in', at(2, '20:00:00')),
  session('b2', OTHER_ROOM, 'closed', at(2, '20:30:00')),
];
