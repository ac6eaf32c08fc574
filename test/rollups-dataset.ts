// The records of the rollup suites: a day in four rooms, written through the writer's batch path.
import { decodeKafkaMessage, type SourceEntry } from '@danmaku/records';

const topics = { raw: 'raw', sessions: 'sessions' };
const at = (iso: string) => Date.parse(`2024-03-01T${iso}Z`);
const day2 = (iso: string) => Date.parse(`2024-03-02T${iso}Z`);

function raw(partition: number, offset: number, room: number, ms: number, body: string) {
  return decodeKafkaMessage(topics, 'raw', partition, {
    offset: String(offset),
    key: Buffer.from(String(room)),
    value: Buffer.from(body),
    timestamp: String(ms),
  });
}
const chat = (o: number, room: number, ms: number, uid: number, nick: string, robot = false) =>
  raw(
    0,
    o,
    room,
    ms,
    `type@=chatmsg/uid@=${uid}/nn@=${nick}/txt@=hi/cid@=c${o}/${robot ? '' : 'dms@=1/'}`,
  );
// `hits` is Douyu's combo counter: the same gift again within seconds is the next hit, so its
// body differs (the writer stores a body repeated within its merge window once: two collectors).
const gift = (
  o: number,
  room: number,
  ms: number,
  uid: number,
  gfid: number,
  gfcnt: number,
  hits = 1,
) => raw(1, o, room, ms, `type@=dgb/uid@=${uid}/gfid@=${gfid}/gfcnt@=${gfcnt}/hits@=${hits}/`);
const entry = (o: number, room: number, ms: number, uid: number) =>
  raw(1, o, room, ms, `type@=uenter/uid@=${uid}/nn@=u${uid}/`);
let sessionOffset = 0;
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
    offset: String(sessionOffset++),
    key: Buffer.from(String(room)),
    value: Buffer.from(JSON.stringify({ ...value, reason: null, messages: 0 })),
    timestamp: String(ms),
  });
}

// 15:59 and 16:01 UTC are the same UTC day but two Asia/Shanghai days (midnight there is 16:00Z).
export const chats = [
  chat(0, 500, at('10:00:00'), 1, 'old'),
  chat(1, 500, at('12:00:00'), 1, 'new', true),
  chat(2, 500, at('15:59:00'), 2, 'two'),
  chat(3, 500, at('16:01:00'), 1, 'late'),
  chat(4, 500, at('16:01:00'), 3, 'three', true),
  chat(5, 501, at('23:59:59'), 1, 'one'),
  chat(6, 501, day2('00:00:01'), 1, 'one'),
];
export const giftsAndEntries = [
  gift(0, 500, at('10:00:00'), 1, 824, 5),
  gift(1, 500, at('10:00:01'), 1, 824, 5, 2),
  gift(2, 500, at('17:00:00'), 2, 824, 1),
  gift(3, 500, at('17:00:01'), 2, 825, 2),
  entry(4, 500, at('10:00:00'), 7),
  entry(5, 500, at('16:30:00'), 8),
];
/** A second collector's copy of chat 2 (same cid, its own offset): deduplicated by cid. */
export const copy = raw(
  0,
  100,
  500,
  at('15:59:00') + 3,
  `type@=chatmsg/uid@=2/nn@=two/txt@=hi/cid@=c2/dms@=1/`,
);
export const sessions = [
  session('s1', 500, 'logged_in', at('10:00:00')),
  session('s1', 500, 'closed', at('10:30:00')),
  session('s2', 500, 'logged_in', at('10:20:00')),
  session('s2', 500, 'closed', at('11:00:00')),
  session('s3', 500, 'logged_in', at('15:30:00')),
  session('s3', 500, 'closed', at('16:30:00')),
  // Room 600 was covered with nothing said: a quiet room. Room 502's session is still open.
  session('s4', 600, 'logged_in', at('12:00:00')),
  session('s4', 600, 'closed', at('12:15:00')),
  session('s5', 502, 'logged_in', at('23:00:00')),
];
