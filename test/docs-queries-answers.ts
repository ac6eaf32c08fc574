// The answers docs/queries.md must give on test/docs-queries-dataset.ts, worked out by hand,
// keyed by "<## heading>#<statement index under it>".
import { expect } from 'vitest';

type Row = Record<string, unknown>;
const ROOM = 288016;
const OTHER = 9999;
const of = (rows: Row[], room: number) => rows.filter((r) => r['room_id'] === room);
const pick = (rows: Row[], keys: string[]) =>
  rows.map((r) => Object.fromEntries(keys.map((k) => [k, r[k]])));
const sorted = (rows: Row[], key: string) =>
  [...rows].sort((a, b) => String(a[key]).localeCompare(String(b[key])));

export const expectedAnswers: Record<string, (rows: Row[]) => void> = {
  "One user's history across rooms#1": (rows) => {
    expect(pick(rows, ['room_id', 'messages'])).toEqual([
      { room_id: OTHER, messages: 3 },
      { room_id: ROOM, messages: 2 },
    ]);
  },
  'Robot share#0': (rows) => {
    expect(pick(of(rows, ROOM), ['day', 'messages', 'robot_percent'])).toEqual([
      { day: '2026-11-01', messages: 5, robot_percent: 20 },
      { day: '2026-11-02', messages: 6, robot_percent: 16.7 },
      { day: '2026-11-03', messages: 2, robot_percent: 0 },
    ]);
  },
  "A room's day in one row#0": (rows) => {
    const day = (d: string, m: number, c: number, r: number, g: number, s: number, e: number) => ({
      day: d,
      messages: m,
      chatters: c,
      robot_messages: r,
      gifts: g,
      gift_senders: s,
      entries: e,
    });
    expect(of(rows, ROOM).map(({ room_id: _, ...rest }) => rest)).toEqual([
      day('2026-11-01', 5, 3, 1, 11, 2, 2),
      day('2026-11-02', 6, 5, 1, 32, 2, 0),
      day('2026-11-03', 2, 2, 0, 0, 0, 0),
    ]);
    expect(of(rows, OTHER).map((r) => r['messages'])).toEqual([2, 1, 1]);
  },
  'The peak minute of a day#0': (rows) => {
    expect(rows).toEqual([
      { room_id: OTHER, minute: '2026-11-02T20:15:00.000Z', messages: 1, chatters: 1 },
      { room_id: ROOM, minute: '2026-11-02T20:15:00.000Z', messages: 4, chatters: 3 },
    ]);
  },
  'First-time chatters#0': (rows) => {
    expect(pick(rows, ['uid', 'first_message'])).toEqual([
      { uid: 1003, first_message: '2026-11-02T20:15:02.000Z' },
      { uid: 1004, first_message: '2026-11-02T20:15:30.000Z' },
    ]);
  },
  'First-time chatters#1': (rows) => {
    expect(rows).toEqual([
      { first_day: '2026-11-01', new_chatters: 3 },
      { first_day: '2026-11-02', new_chatters: 2 },
      { first_day: '2026-11-03', new_chatters: 1 },
    ]);
  },
  'Chatters returning day over day#0': (rows) => {
    const keys = ['day', 'chatters', 'also_the_day_before', 'returning_percent'];
    expect(pick(of(rows, ROOM), keys)).toEqual([
      { day: '2026-11-01', chatters: 2, also_the_day_before: 0, returning_percent: 0 },
      { day: '2026-11-02', chatters: 4, also_the_day_before: 2, returning_percent: 50 },
      { day: '2026-11-03', chatters: 2, also_the_day_before: 1, returning_percent: 50 },
    ]);
    expect(of(rows, OTHER).map((r) => r['returning_percent'])).toEqual([0, 100, 100]);
  },
  'Cross-room chat share#0': (rows) => {
    expect(pick(of(rows, ROOM), ['day', 'cross_room', 'cross_room_percent'])).toEqual([
      { day: '2026-11-01', cross_room: 0, cross_room_percent: 0 },
      { day: '2026-11-02', cross_room: 1, cross_room_percent: 16.7 },
      { day: '2026-11-03', cross_room: 0, cross_room_percent: 0 },
    ]);
  },
  'Cross-room chat share#1': (rows) => {
    expect(rows).toEqual([{ chatters: 5, also_elsewhere: 1 }]);
  },
  'Gift leaderboard by value#0': (rows) => {
    expect(pick(rows, ['uid', 'gifts', 'events'])).toEqual([
      { uid: 1003, gifts: 30, events: 1 },
      { uid: 1001, gifts: 12, events: 3 },
      { uid: 20001020, gifts: 1, events: 1 },
    ]);
  },
  'Gift leaderboard by value#1': (rows) => {
    expect(pick(rows, ['uid', 'yuan', 'unpriced_gifts'])).toEqual([
      { uid: 1001, yuan: 13, unpriced_gifts: null },
      { uid: 20001020, yuan: 6, unpriced_gifts: null },
      { uid: 1003, yuan: 3, unpriced_gifts: null },
    ]);
  },
  // Gift 824 is in fixtures/douyu/gift-list.json at 10 yuan cents; 825 is not.
  'Gift value per day#0': (rows) => {
    expect(pick(rows, ['day', 'gift_id', 'gift_name', 'gifts', 'value', 'yuan'])).toEqual([
      { day: '2026-11-01', gift_id: 824, gift_name: '荧光棒', gifts: 10, value: 100, yuan: 1 },
      { day: '2026-11-01', gift_id: 825, gift_name: null, gifts: 1, value: null, yuan: null },
      { day: '2026-11-02', gift_id: 824, gift_name: '荧光棒', gifts: 30, value: 300, yuan: 3 },
      { day: '2026-11-02', gift_id: 825, gift_name: null, gifts: 2, value: null, yuan: null },
    ]);
  },
  'Top words#0': (rows) => {
    // Ties order by the database's collation: compare the top two as a set.
    expect(sorted(rows.slice(0, 2), 'word')).toEqual(
      sorted(
        [
          { word: '666', uses: 2, users: 2 },
          { word: '[emot:dy118]', uses: 2, users: 2 },
        ],
        'word',
      ),
    );
    expect(rows.slice(2).map((r) => r['uses'])).toEqual([1, 1, 1]);
    expect(rows.map((r) => r['word'])).toContain('hello');
  },
  'Top words#1': (rows) => {
    expect(sorted(rows.slice(0, 2), 'pair')).toEqual(
      sorted(
        [
          { pair: '主播', uses: 2 },
          { pair: '播好', uses: 2 },
        ],
        'pair',
      ),
    );
    expect(rows.slice(2)).toEqual([{ pair: '好呀', uses: 1 }]);
  },
  'Top words#2': (rows) => {
    expect(rows).toEqual([
      { text: '666', times: 3, users: 2 },
      { text: '主播好', times: 2, users: 1 },
    ]);
  },
  'Who is chatting: levels, nobles, badges#0': (rows) => {
    expect(rows).toEqual([
      { noble_level: 0, chatters: 5, messages: 10, average_level: 4.6 },
      { noble_level: 3, chatters: 1, messages: 1, average_level: 20 },
    ]);
  },
  'Who is chatting: levels, nobles, badges#1': (rows) => {
    expect(sorted(rows, 'badge')).toEqual([
      { badge_room_id: ROOM, badge: 'fans288016', chatters: 1 },
      { badge_room_id: OTHER, badge: 'fans9999', chatters: 1 },
    ]);
  },
  'Coverage per room and day#0': (rows) => {
    const day = (d: string, seconds: number, percent: number) => ({
      day: d,
      covered_seconds: seconds,
      covered_percent: percent,
    });
    expect(pick(of(rows, ROOM), ['day', 'covered_seconds', 'covered_percent'])).toEqual([
      day('2026-11-01', 14_400, 16.7),
      day('2026-11-02', 21_600, 25),
      day('2026-11-03', 36_000, 41.7),
    ]);
    expect(pick(of(rows, OTHER), ['day', 'covered_seconds'])).toEqual([
      { day: '2026-11-01', covered_seconds: 600 },
      { day: '2026-11-02', covered_seconds: 1800 },
      { day: '2026-11-03', covered_seconds: 0 },
    ]);
  },
};
