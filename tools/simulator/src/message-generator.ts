import { effectList, fill, userOf, userOverrides, type BodyContext } from './body-context.js';
import { EVENT_BODIES } from './event-bodies.js';
import { hash32, Prng } from './prng.js';
import { RANKING_BODIES } from './ranking-bodies.js';
import { REAL_TEMPLATES } from './real-templates.js';
import { CHAT_TEXTS, GIFT_IDS } from './text-pools.js';
import { typeForDraw, type StreamMessageType } from './type-mix.js';

/** One message of a room's stream: a pure function of (seed, room id, seq, virtual time). */
export interface GeneratedMessage {
  seq: number;
  type: StreamMessageType;
  /** STT text, ready for encodeFrame(body, 690). */
  body: string;
  /** The chat's `cid`; undefined for every other type. */
  cid: string | undefined;
}

/** Share of chat lines sent without `dms`: Douyu's injected "robot" chat. */
const ROBOT_CHAT_SHARE = 0.15;

type BodyBuilder = (context: BodyContext) => string;

const BUILDERS: Readonly<Record<StreamMessageType, BodyBuilder>> = {
  chatmsg: chatBody,
  dgb: giftBody,
  uenter: enterBody,
  ...EVENT_BODIES,
  ...RANKING_BODIES,
};

function messageRng(seed: number, roomId: number, seq: number): Prng {
  return new Prng(seed, roomId, seq, 0x6d7367);
}

/** The type alone, without building the body: the first draw of the message's generator. */
export function messageTypeAt(seed: number, roomId: number, seq: number): StreamMessageType {
  return typeForDraw(messageRng(seed, roomId, seq).next());
}

/**
 * 32 lowercase hex digits, unique per (room, seq) for a seed: the room and seq words are XORed
 * with seed-derived keys (a bijection), the first word only makes it look random, and the zero
 * tail mimics real cids such as `91a61e962ac445b7df142b0000000000`.
 */
export function chatCid(seed: number, roomId: number, seq: number): string {
  const roomWord = (hash32(roomId) ^ hash32(seed, 0x726f6f6d)) >>> 0;
  const seqWord = (seq ^ hash32(seed, 0x73657120)) >>> 0;
  return hex8(hash32(seed, roomId, seq)) + hex8(roomWord) + hex8(seqWord) + '00000000';
}

function hex8(value: number): string {
  return value.toString(16).padStart(8, '0');
}

export function generateMessage(
  seed: number,
  roomId: number,
  seq: number,
  atMs: number,
): GeneratedMessage {
  const rng = messageRng(seed, roomId, seq);
  const type = typeForDraw(rng.next());
  const body = BUILDERS[type]({ seed, roomId, seq, atMs, rng });
  return { seq, type, body, cid: type === 'chatmsg' ? chatCid(seed, roomId, seq) : undefined };
}

function chatText(rng: Prng): string {
  const first = rng.pick(CHAT_TEXTS);
  if (rng.chance(0.02)) return first.repeat(rng.int(5, 20));
  if (rng.chance(0.2)) return `${first} ${rng.pick(CHAT_TEXTS)}`;
  return first;
}

function chatBody(context: BodyContext): string {
  const { rng, roomId, seed, seq, atMs } = context;
  const template = rng.pick(REAL_TEMPLATES.chatmsg as readonly string[]);
  const user = userOf(context);
  const robot = rng.chance(ROBOT_CHAT_SHARE);
  const hasDms = /\/dms@=/.test(template);
  return fill(
    template,
    {
      ...userOverrides(user),
      rid: String(roomId),
      txt: chatText(rng),
      cid: chatCid(seed, roomId, seq),
      cst: String(atMs - rng.int(30, 900)),
      col: String(rng.chance(0.8) ? 0 : rng.int(1, 6)),
      ct: String(rng.pick([0, 1, 2, 14])),
      el: effectList(rng),
      dms: robot ? null : String(rng.int(3, 8)),
    },
    robot || hasDms ? [] : [['dms', String(rng.int(3, 8))]],
  );
}

function giftBody(context: BodyContext): string {
  const { rng, roomId } = context;
  const template = rng.pick(REAL_TEMPLATES.dgb as readonly string[]);
  const user = userOf(context);
  const count = rng.chance(0.8) ? 1 : rng.pick([10, 30, 66, 99, 520]);
  const hits = rng.int(1, 60);
  return fill(template, {
    ...userOverrides(user),
    rid: String(roomId),
    gfid: String(rng.pick(GIFT_IDS)),
    gfcnt: String(count),
    hits: String(hits),
    bcnt: String(count === 1 ? hits : 1),
    el: effectList(rng),
  });
}

function enterBody(context: BodyContext): string {
  const { rng, roomId } = context;
  const template = rng.pick(REAL_TEMPLATES.uenter as readonly string[]);
  const user = userOf(context);
  return fill(template, {
    ...userOverrides(user),
    rid: String(roomId),
    fl: String(user.badge?.level ?? 0),
    el: effectList(rng),
  });
}
