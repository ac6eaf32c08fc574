import type { SeededRandom } from '../support/seeded-random.js';

const TOKENS = [
  '@',
  '/',
  '@=',
  '@A',
  '@S',
  '@@',
  '==',
  '//',
  '@=@=',
  'type@=',
  'type@=chatmsg/',
  'type@=/',
  '\u0000',
  '\uffff',
  '\ufffd',
  '😀',
  '𠀀',
  '\ud800',
  '\udc00',
  '斗鱼',
  '\u202e',
  '\r\n',
  '\t',
  '__proto__@=x/',
  'constructor@=1/',
  'toString@=/',
  'hasOwnProperty@=1/',
  'ip@=192.0.2.1/',
  'cst@=99999999999999999999/',
  'rid@=-/',
  'uid@=-0/',
  'level@=1e9/',
  'gfcnt@=/',
  'tick@=NaN/',
  '@S@S@S@A@A',
  'txt@=@Aa@Sb@/',
  'sub@=k@AA=v@AS@S/',
];

const TYPES = [
  'chatmsg',
  'dgb',
  'uenter',
  'loginres',
  'mrkl',
  'pingreq',
  'error',
  'rss',
  '',
  'CHATMSG',
];
const KEYS = [
  'type',
  'rid',
  'uid',
  'nn',
  'txt',
  'cid',
  'level',
  'col',
  'ct',
  'bnn',
  'bl',
  'brid',
  'nl',
  'cst',
  'dms',
  'gfid',
  'gfcnt',
  'hits',
  'ip',
  'tick',
  'code',
  'userid',
  'roomgroup',
  'live_stat',
  'sessionid',
  '',
  '__proto__',
];
const VALUES = [
  '',
  '0',
  '-',
  '-1',
  '1',
  '2147483648',
  '9007199254740993',
  '99999999999999999',
  '1.5',
  ' 7',
  '0x10',
  '1e3',
  '斗鱼',
  '@A',
  '@S',
  'NaN',
  '-9007199254740991',
  '1700000000',
  '1700000000000',
];

type BodyMutation = (rng: SeededRandom, body: string, donor: string) => string;

const mutations: BodyMutation[] = [
  (rng, b) => insertAt(b, rng.int(0, b.length), rng.pick(TOKENS)),
  (rng, b) => insertAt(b, rng.int(0, b.length), String.fromCharCode(rng.int(0, 0xffff))),
  (rng, b) => {
    const at = rng.int(0, b.length);
    return b.slice(0, at) + b.slice(Math.min(b.length, at + rng.logInt(32)));
  },
  (rng, b) => b.slice(0, rng.int(0, b.length)),
  (rng, b, donor) => b.slice(0, rng.int(0, b.length)) + donor.slice(rng.int(0, donor.length)),
  (rng, b) => {
    const from = rng.int(0, b.length);
    const to = Math.min(b.length, from + rng.logInt(64));
    return b.slice(0, to) + b.slice(from, to) + b.slice(to);
  },
  (rng, b) => b.replace(/type@=[^/]*/, `type@=${rng.pick(TYPES)}`),
  (rng, b) => b.replace(/@=[^/]*/g, (m) => (rng.chance(0.2) ? `@=${rng.pick(VALUES)}` : m)),
];

/** One to four mutations of a real STT body. */
export function mutateBody(rng: SeededRandom, body: string, donor: string): string {
  let out = body;
  for (let n = rng.int(1, 4); n > 0; n--) out = rng.pick(mutations)(rng, out, donor);
  return out;
}

/** A body of a known type with random known fields and odd values: exercises every parser. */
export function typedGarbage(rng: SeededRandom): string {
  let out = `type@=${rng.pick(TYPES)}/`;
  for (let n = rng.int(0, 12); n > 0; n--) {
    const value = rng.chance(0.8) ? rng.pick(VALUES) : rng.pick(TOKENS);
    out += `${rng.pick(KEYS)}@=${value}${rng.chance(0.95) ? '/' : ''}`;
  }
  return out;
}

/** Bytes of a body with a few bytes made invalid UTF-8 (lone continuation, overlong, cut). */
export function brokenUtf8(rng: SeededRandom, body: string): Buffer {
  const bytes = Buffer.from(body, 'utf8');
  const out = Buffer.from(bytes);
  for (let n = rng.int(1, 3); n > 0 && out.length > 0; n--) {
    out[rng.int(0, out.length - 1)] = rng.pick([0x80, 0xbf, 0xc0, 0xc1, 0xe4, 0xf0, 0xf8, 0xff]);
  }
  return out;
}

function insertAt(text: string, at: number, piece: string): string {
  return text.slice(0, at) + piece + text.slice(at);
}
