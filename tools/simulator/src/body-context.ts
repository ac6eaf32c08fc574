import { escapeStt, parseSttPairs, serializeStt, serializeSttList } from '@danmaku/protocol';
import { pickUser, type UserProfile } from './audience.js';
import type { Prng } from './prng.js';

/** Everything a body builder may depend on; all of it is a function of (seed, room, seq). */
export interface BodyContext {
  readonly seed: number;
  readonly roomId: number;
  readonly seq: number;
  /** Virtual wall-clock time of the message (ms since the Unix epoch), for cst/ts/now fields. */
  readonly atMs: number;
  readonly rng: Prng;
}

/** A value of `null` removes the key; keys absent from the template are not added. */
export type Overrides = Readonly<Record<string, string | null>>;

/** A template pair, with the `key@=value/` text serializeStt would give it, escaped once. */
interface TemplatePair {
  readonly key: string;
  readonly escapedKey: string;
  readonly serialised: string;
}

const parsedTemplates = new Map<string, readonly TemplatePair[]>();

function templatePairs(template: string): readonly TemplatePair[] {
  let pairs = parsedTemplates.get(template);
  if (pairs === undefined) {
    pairs = parseSttPairs(template).map(([key, value]) => ({
      key,
      escapedKey: escapeStt(key),
      serialised: serializeStt([[key, value]]),
    }));
    parsedTemplates.set(template, pairs);
  }
  return pairs;
}

/**
 * Rebuilds a real body with some values replaced, keeping the template's key order, duplicate keys
 * and untouched values, then appends `extra` pairs. The text is exactly serializeStt of those
 * pairs; untouched pairs reuse their text escaped once per template, since re-escaping every key
 * and value of every message was a large share of the simulator's CPU.
 */
export function fill(
  template: string,
  overrides: Overrides,
  extra: ReadonlyArray<readonly [string, string]> = [],
): string {
  let out = '';
  for (const pair of templatePairs(template)) {
    if (!Object.hasOwn(overrides, pair.key)) out += pair.serialised;
    else {
      const value = overrides[pair.key];
      if (value !== null && value !== undefined)
        out += pair.escapedKey + '@=' + escapeStt(value) + '/';
    }
  }
  return extra.length === 0 ? out : out + serializeStt(extra);
}

/** The wire fields that describe a user, under the names most message types use. */
export function userOverrides(user: UserProfile): Record<string, string> {
  const badge = user.badge;
  return {
    uid: String(user.uid),
    nn: user.nickname,
    ic: user.avatar,
    level: String(user.level),
    nl: String(user.nobleLevel),
    bnn: badge?.name ?? '',
    bl: String(badge?.level ?? 0),
    brid: String(badge?.roomId ?? 0),
    hc: badge?.checksum ?? '',
  };
}

export function userOf(context: BodyContext): UserProfile {
  return pickUser(context.rng, context.seed, context.roomId);
}

/** `el`: a list of effect objects, two escaping levels below the body (`eid@AA=…@AS@S`). */
export function effectList(rng: Prng): string {
  if (rng.chance(0.7)) return '';
  const effect = serializeStt([
    ['eid', String(rng.pick([1500000113, 1500000005, 1500000114]))],
    ['etp', '1'],
    ['sc', '1'],
    ['ef', '0'],
  ]);
  return serializeSttList([effect]);
}

/** A list of records, as Douyu nests ranking entries (`list@=uid@AA=…@AS@S…/`). */
export function recordList(
  records: ReadonlyArray<ReadonlyArray<readonly [string, string]>>,
): string {
  return serializeSttList(records.map((record) => serializeStt(record)));
}

export function seconds(ms: number): string {
  return String(Math.floor(ms / 1000));
}
