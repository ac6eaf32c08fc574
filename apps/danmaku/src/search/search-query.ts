import type { ChatSearch } from '@danmaku/writer/database';
import { DURATION_UNITS, parseDuration } from '../duration.js';
import { isoTime } from '../iso-time.js';

export const DEFAULT_SEARCH_LIMIT = 100;
export const MAX_SEARCH_LIMIT = 10_000;
const MAX_ROOM_ID = 2 ** 31 - 1;

export interface SearchFlags {
  room?: string;
  from?: string;
  to?: string;
  user?: string;
  limit?: string;
}

/** The filter from the command line; every problem is pushed, so all are reported at once. */
export function parseSearchFilter(
  text: string,
  flags: SearchFlags,
  nowMs: number,
  problems: string[],
): ChatSearch | undefined {
  const before = problems.length;
  if (text === '') problems.push('search: give the text to look for, e.g. danmaku search 主播');
  const filter: ChatSearch = { text, limit: DEFAULT_SEARCH_LIMIT };
  if (flags.room !== undefined) {
    const room = Number(flags.room);
    if (/^\d+$/.test(flags.room) && room >= 1 && room <= MAX_ROOM_ID) filter.roomId = room;
    else problems.push(`--room: expected a room id (a positive integer), got "${flags.room}"`);
  }
  if (flags.user !== undefined) {
    if (/^\d{1,19}$/.test(flags.user) && BigInt(flags.user) <= 2n ** 63n - 1n)
      filter.uid = flags.user;
    else
      problems.push(`--user: expected a Douyu uid (a non-negative integer), got "${flags.user}"`);
  }
  if (flags.limit !== undefined) {
    const limit = Number(flags.limit);
    if (/^\d+$/.test(flags.limit) && limit >= 1 && limit <= MAX_SEARCH_LIMIT) filter.limit = limit;
    else problems.push(`--limit: expected 1 to ${MAX_SEARCH_LIMIT}, got "${flags.limit}"`);
  }
  for (const [flag, key] of [
    ['from', 'fromMs'],
    ['to', 'toMs'],
  ] as const) {
    const given = flags[flag];
    if (given === undefined) continue;
    const ms = parseTimeBound(given, nowMs);
    if (ms === undefined)
      problems.push(
        `--${flag}: "${given}" is no time: an ISO 8601 date (2026-05-01T20:00:00Z) or a ` +
          `duration ago (${DURATION_UNITS})`,
      );
    else filter[key] = ms;
  }
  if (filter.fromMs !== undefined && filter.toMs !== undefined && filter.fromMs >= filter.toMs)
    problems.push(`--from must be before --to (${flags.from} is not before ${flags.to})`);
  return problems.length === before ? filter : undefined;
}

/**
 * An ISO 8601 time (`isoTime`: UTC unless it names an offset, as export reads it), or a duration
 * meaning that long before now (`2h`: two hours ago).
 */
export function parseTimeBound(text: string, nowMs: number): number | undefined {
  const ago = parseDuration(text);
  if (ago !== undefined) return nowMs - ago;
  const iso = isoTime(text);
  return iso === undefined ? undefined : Date.parse(iso);
}
