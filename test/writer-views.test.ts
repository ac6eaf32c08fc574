import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPglite,
  PartitionKeeper,
  migrate,
  normaliseRecords,
  pgPoolClient,
  pgliteClient,
  writeBatch,
} from '@danmaku/writer';
import type { SqlClient } from '@danmaku/writer';
import { decodeKafkaMessage, type SourceEntry } from '@danmaku/records';
import { describeWithServices, freshDatabase } from './support/index.js';

// A hand-built day in two rooms, written through the writer's own batch path, and the exact
// numbers each analytics view must return. Run on PostgreSQL 15 and on PGlite.

const at = (hhmm: string, day = '2024-03-01') => Date.parse(`${day}T${hhmm}:00Z`);
const topics = { raw: 'raw', sessions: 'sessions' };
let offset = 0;

function raw(room: number, ms: number, body: string): SourceEntry {
  return decodeKafkaMessage(topics, 'raw', 0, {
    offset: String(offset++),
    key: Buffer.from(String(room)),
    value: Buffer.from(body),
    timestamp: String(ms),
  });
}
const chat = (room: number, ms: number, uid: number, nick: string, robot = false) =>
  raw(
    room,
    ms,
    `type@=chatmsg/rid@=${room}/uid@=${uid}/nn@=${nick}/txt@=hi/cid@=m${offset}/${robot ? '' : 'dms@=1/'}`,
  );
const gift = (room: number, ms: number, uid: number, gfid: number, gfcnt: number, hits: number) =>
  raw(room, ms, `type@=dgb/rid@=${room}/uid@=${uid}/gfid@=${gfid}/gfcnt@=${gfcnt}/hits@=${hits}/`);
function session(id: string, room: number, event: string, ms: number): SourceEntry {
  const value = {
    session: id,
    room,
    collector: 'c',
    transport: 'ws',
    endpoint: 'e',
    event,
    at: ms,
    reason: null,
    messages: 0,
  };
  return decodeKafkaMessage(topics, 'sessions', 0, {
    offset: String(offset++),
    key: Buffer.from(String(room)),
    value: Buffer.from(JSON.stringify(value)),
    timestamp: String(ms),
  });
}

const records = [
  chat(500, at('10:00') + 1_000, 1, 'old'),
  chat(500, at('10:00') + 20_000, 1, 'new', true),
  chat(500, at('10:00') + 30_000, 2, 'two'),
  chat(500, at('10:01') + 5_000, 1, 'new'),
  chat(500, at('10:01') + 6_000, 3, 'three'),
  chat(501, at('10:00') + 7_000, 1, 'new'),
  chat(500, at('00:30', '2024-03-02'), 4, 'four'),
  gift(500, at('10:02'), 1, 824, 5, 1),
  gift(500, at('10:02') + 1, 1, 824, 5, 2),
  gift(500, at('10:03'), 2, 824, 1, 1),
  gift(500, at('10:04'), 2, 825, 2, 1),
  // Hostile bodies: an unknown chatter, a gift of unknown count, one of unknown id and count.
  raw(500, at('10:05'), 'type@=chatmsg/rid@=500/uid@=notanumber/nn@=ghost/txt@=hi/cid@=mx/dms@=1/'),
  raw(500, at('10:06'), 'type@=dgb/rid@=500/uid@=2/gfid@=825/gfcnt@=lots/hits@=2/'),
  raw(500, at('10:07'), 'type@=dgb/rid@=500/uid@=3/gfid@=x/gfcnt@=99999999999/hits@=1/'),
  session('s1', 500, 'logged_in', at('10:00')),
  session('s1', 500, 'closed', at('10:30')),
  session('s2', 500, 'logged_in', at('10:20')),
  session('s2', 500, 'closed', at('11:00')),
  session('s3', 500, 'logged_in', at('11:15')),
  session('s3', 500, 'closed', at('12:00')),
  session('s5', 500, 'connected', at('12:10')),
  session('s5', 500, 'closed', at('12:20')),
  session('s4', 500, 'logged_in', at('13:00')),
  session('s6', 501, 'logged_in', at('10:00')),
  session('s6', 501, 'closed', at('10:05')),
  session('s7', 501, 'logged_in', at('10:05')),
  session('s7', 501, 'closed', at('10:10')),
  // Room 502: s8's collector was killed (no `closed`); s9 took over. s8 covered the room up to the
  // last row received before s9 started connecting (a heartbeat reply here).
  session('s8', 502, 'logged_in', at('10:00')),
  raw(502, at('10:03'), 'type@=mrkl/'),
  raw(502, at('10:04'), 'type@=mrkl/'),
  session('s9', 502, 'connecting', at('10:09')),
  raw(502, at('10:09') + 30_000, 'type@=mrkl/'), // s9's, before its logged_in time
  session('s9', 502, 'logged_in', at('10:10')),
  raw(502, at('10:12'), 'type@=mrkl/'),
  // Room 503: a superseded open session with no rows at all covered nothing after its login.
  session('s10', 503, 'logged_in', at('10:00')),
  session('s11', 503, 'logged_in', at('10:02')),
  session('s11', 503, 'closed', at('10:05')),
];

function viewSuite(open: () => Promise<SqlClient>): void {
  let db: SqlClient;
  beforeAll(async () => {
    db = await open();
    await writeBatch(db, new PartitionKeeper(db), 'views', normaliseRecords(records), []);
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });
  const rows = async (sql: string) => (await db.query(sql)).rows;

  it('chat per minute per room', async () => {
    expect(
      await rows(`SELECT room_id, minute, messages::int, chatters::int, robot_messages::int
                  FROM chat_per_minute ORDER BY room_id, minute`),
    ).toEqual([
      { room_id: 500, minute: new Date(at('10:00')), messages: 3, chatters: 2, robot_messages: 1 },
      { room_id: 500, minute: new Date(at('10:01')), messages: 2, chatters: 2, robot_messages: 0 },
      // A message without a known uid is a message, not a chatter.
      { room_id: 500, minute: new Date(at('10:05')), messages: 1, chatters: 0, robot_messages: 0 },
      {
        room_id: 500,
        minute: new Date(at('00:30', '2024-03-02')),
        messages: 1,
        chatters: 1,
        robot_messages: 0,
      },
      { room_id: 501, minute: new Date(at('10:00')), messages: 1, chatters: 1, robot_messages: 0 },
    ]);
  });

  it('top chatters per room per day, with the latest nickname; no unknown uid', async () => {
    expect(
      await rows(`SELECT room_id, day::text, uid::int, nickname, messages::int, rank::int
                  FROM top_chatters_daily WHERE room_id = 500 ORDER BY day, rank, uid`),
    ).toEqual([
      { room_id: 500, day: '2024-03-01', uid: 1, nickname: 'new', messages: 3, rank: 1 },
      { room_id: 500, day: '2024-03-01', uid: 2, nickname: 'two', messages: 1, rank: 2 },
      { room_id: 500, day: '2024-03-01', uid: 3, nickname: 'three', messages: 1, rank: 2 },
      { room_id: 500, day: '2024-03-02', uid: 4, nickname: 'four', messages: 1, rank: 1 },
    ]);
  });

  it('gift totals per room per day sum the known gfcnt, never combo hits', async () => {
    expect(
      await rows(`SELECT room_id, day::text, gift_id, gifts::int, senders::int, events::int
                  FROM gift_totals_daily ORDER BY gift_id`),
    ).toEqual([
      { room_id: 500, day: '2024-03-01', gift_id: 824, gifts: 11, senders: 2, events: 3 },
      { room_id: 500, day: '2024-03-01', gift_id: 825, gifts: 2, senders: 1, events: 2 },
      { room_id: 500, day: '2024-03-01', gift_id: null, gifts: 0, senders: 1, events: 1 },
    ]);
  });

  it('coverage gaps: stretches with no logged-in session, overlaps merged, lost sessions ended', async () => {
    expect(
      await rows(
        `SELECT room_id, gap_start, gap_end, gap_seconds FROM coverage_gaps ORDER BY room_id, gap_start`,
      ),
    ).toEqual([
      {
        room_id: 500,
        gap_start: new Date(at('11:00')),
        gap_end: new Date(at('11:15')),
        gap_seconds: 900,
      },
      {
        room_id: 500,
        gap_start: new Date(at('12:00')),
        gap_end: new Date(at('13:00')),
        gap_seconds: 3600,
      },
      {
        room_id: 502,
        gap_start: new Date(at('10:04')),
        gap_end: new Date(at('10:10')),
        gap_seconds: 360,
      },
      {
        room_id: 503,
        gap_start: new Date(at('10:00')),
        gap_end: new Date(at('10:02')),
        gap_seconds: 120,
      },
    ]);
  });
}

describeWithServices(['postgres'], 'writer views on PostgreSQL', () => {
  viewSuite(async () => {
    const url = await freshDatabase('wviews');
    await migrate(url);
    return pgPoolClient(new pg.Pool({ connectionString: url, max: 2 }));
  });
});

describe('writer views on PGlite', () => {
  viewSuite(async () => {
    const lite = await createPglite();
    await migrate(lite);
    return pgliteClient(lite);
  });
});
