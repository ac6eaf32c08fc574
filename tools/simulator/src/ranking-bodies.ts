import { escapeStt, serializeStt, serializeSttList } from '@danmaku/protocol';
import { roomBadgeName, type UserProfile } from './audience.js';
import { userOf, type BodyContext } from './body-context.js';

/**
 * Types with no real sample in the fixtures, modelled on the reference's field descriptions, and the
 * big nested ranking lists. Entry keys of ranklist and online_noble_list are those of the real
 * samples; ranklist and fswrank are sized to 7–10 KB like the largest captured bodies.
 */

type Pairs = Array<readonly [string, string]>;

const BIG_MIN_BYTES = 7_400;
const BIG_MAX_BYTES = 10_000;

/**
 * Entries go round-robin into the lists until the body reaches a drawn size in 7.4–10 KB. Escaping
 * works per character, so each entry is escaped to its final depth once and the body is joined
 * from those pieces: the same text serializeStt would give for the nested lists, built in one pass.
 */
function sizedListsBody(
  context: BodyContext,
  head: Pairs,
  listKeys: readonly string[],
  entry: (rank: number) => Pairs,
): string {
  const lists = listKeys.map(() => [] as string[]);
  const emptyBody = serializeStt([...head, ...listKeys.map((key) => [key, ''] as const)]);
  let size = Buffer.byteLength(emptyBody);
  const target = context.rng.int(BIG_MIN_BYTES, BIG_MAX_BYTES - 300);
  for (let i = 0; size < target; i++) {
    const item = nestedItem(entry(Math.floor(i / listKeys.length) + 1));
    const added = Buffer.byteLength(item);
    if (size + added > BIG_MAX_BYTES) break;
    lists[i % listKeys.length]?.push(item);
    size += added;
  }
  const nested = listKeys.map((key, i) => `${escapeStt(key)}@=${(lists[i] ?? []).join('')}/`);
  return serializeStt(head) + nested.join('');
}

/**
 * `escapeStt(escapeStt(serializeStt(pairs)) + '/')` in one pass: '@' becomes '@AAA' and '/'
 * becomes '@AAS' in keys and values, the entry's own '@=' and '/' become '@AA=' and '@AS', and
 * the item's closing '/' becomes '@S'. Three escaping passes per entry were the costliest part
 * of the big ranking bodies.
 */
function nestedItem(pairs: Pairs): string {
  let out = '';
  for (const [key, value] of pairs) out += escapeThrice(key) + '@AA=' + escapeThrice(value) + '@AS';
  return out + '@S';
}

function escapeThrice(s: string): string {
  if (s.indexOf('@') === -1 && s.indexOf('/') === -1) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    out += c === '@' ? '@AAA' : c === '/' ? '@AAS' : c;
  }
  return out;
}

function list(records: readonly Pairs[]): string {
  return serializeSttList(records.map((record) => serializeStt(record)));
}

function rankEntry(context: BodyContext, rank: number): Pairs {
  const { rng } = context;
  const user: UserProfile = userOf(context);
  return [
    ['uid', String(user.uid)],
    ['crk', String(rank)],
    ['lrk', String(rng.chance(0.1) ? 32767 : rng.int(1, 20))],
    ['rs', String(rng.int(-1, 1))],
    ['nickname', user.nickname],
    ['gold', String(rng.int(100, 500_000))],
    ['level', String(user.level)],
    ['icon', user.avatar],
    ['pg', '1'],
    ['rg', String(rng.chance(0.8) ? 1 : 4)],
    ['ne', String(user.nobleLevel)],
    ['ih', '0'],
    ['sahf', '0'],
  ];
}

function fanEntry(context: BodyContext): Pairs {
  const user = userOf(context);
  return [
    ['uid', String(user.uid)],
    ['nn', user.nickname],
    ['ic', user.avatar],
    ['fim', String(context.rng.int(1_000, 9_000_000))],
    ['bl', String(user.badge?.level ?? context.rng.int(1, 30))],
    ['lev', String(user.level)],
    ['pg', '1'],
    ['rg', '1'],
    ['nl', String(user.nobleLevel)],
  ];
}

function categoryRank(context: BodyContext, type: 'rri' | 'qausrespond'): string {
  const { rng, roomId } = context;
  const ri = serializeStt([
    ['sc', String(rng.int(1_000, 200_000_000))],
    ['idx', String(rng.int(1, 200))],
  ]);
  // `type` is not the first key and `rid` comes twice, the second time -1, as in real captures.
  return serializeStt([
    ['rid', String(roomId)],
    ['ri', ri],
    ['type', type],
    ['cate_id', String(rng.int(1, 300))],
    ['rid', '-1'],
  ]);
}

export const RANKING_BODIES = {
  noble_num_info: (context: BodyContext): string => {
    const { rng, roomId } = context;
    const levels = [1, 2, 3, 4, 5, 6, 7].map(
      (lev) =>
        [
          ['lev', String(lev)],
          ['num', String(rng.int(0, 40))],
        ] as Pairs,
    );
    const sum = levels.reduce((total, level) => total + Number(level[1]?.[1] ?? 0), 0);
    return serializeStt([
      ['type', 'noble_num_info'],
      ['sum', String(sum)],
      ['vn', String(sum)],
      ['rid', String(roomId)],
      ['list', list(levels)],
    ]);
  },
  qausrespond: (context: BodyContext): string => categoryRank(context, 'qausrespond'),
  rri: (context: BodyContext): string => categoryRank(context, 'rri'),
  ranklist: (context: BodyContext): string =>
    sizedListsBody(
      context,
      [
        ['type', 'ranklist'],
        ['rid', String(context.roomId)],
        ['gid', '0'],
      ],
      ['list', 'list_all', 'list_day'],
      (rank) => rankEntry(context, rank),
    ),
  fswrank: (context: BodyContext): string =>
    sizedListsBody(
      context,
      [
        ['type', 'fswrank'],
        ['rid', String(context.roomId)],
        ['bnn', roomBadgeName(context.seed, context.roomId)],
      ],
      ['list'],
      () => fanEntry(context),
    ),
  frank: (context: BodyContext): string => {
    const { rng, roomId, seed } = context;
    const fans = Array.from({ length: rng.int(3, 10) }, () => fanEntry(context));
    return serializeStt([
      ['type', 'frank'],
      ['rid', String(roomId)],
      ['fc', String(rng.int(100, 500_000))],
      ['bnn', roomBadgeName(seed, roomId)],
      ['ver', String(rng.int(1, 1_000_000))],
      ['list', list(fans)],
    ]);
  },
  online_noble_list: (context: BodyContext): string => {
    const { rng, roomId } = context;
    const nobles = Array.from({ length: rng.int(5, 20) }, (): Pairs => {
      const user = userOf(context);
      return [
        ['uid', String(user.uid)],
        ['nn', user.nickname],
        ['icon', user.avatar],
        ['ne', String(rng.int(1, 7))],
        ['lv', String(user.level)],
        ['rk', String(rng.int(1, 40))],
        ['pg', '1'],
        ['rg', '1'],
        ['sahf', '0'],
      ];
    });
    return serializeStt([
      ['type', 'online_noble_list'],
      ['num', String(nobles.length + rng.int(0, 200))],
      ['rid', String(roomId)],
      ['nl', list(nobles)],
    ]);
  },
} as const;
