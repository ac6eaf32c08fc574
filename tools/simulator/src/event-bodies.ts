import { serializeStt, serializeSttList } from '@danmaku/protocol';
import { fill, seconds, userOf, userOverrides, type BodyContext } from './body-context.js';
import { roomBadgeName } from './audience.js';
import { REAL_TEMPLATES } from './real-templates.js';
import {
  ANCHOR_NAMES,
  CHAT_TEXTS,
  GIFT_IDS,
  GIFT_NAMES,
  SUPER_DANMAKU_TEXTS,
} from './text-pools.js';

/** Real template of a type (a random one when the samples hold several). */
function template(context: BodyContext, type: string): string {
  return context.rng.pick(REAL_TEMPLATES[type] ?? []);
}

function anchorName(context: BodyContext): string {
  return context.rng.pick(ANCHOR_NAMES);
}

/** Broadcasts name another room (`drid`) as often as this one, as real spbc/anbc do. */
function broadcastRoom(context: BodyContext): number {
  return context.rng.chance(0.5) ? context.roomId : context.rng.int(10_000, 12_000_000);
}

function nobleBody(context: BodyContext, type: 'anbc' | 'rnewbc'): string {
  const { rng, atMs, roomId } = context;
  const user = userOf(context);
  const siteWide = rng.chance(0.5);
  return fill(template(context, type), {
    rid: siteWide ? '0' : String(roomId),
    bt: siteWide ? '1' : '2',
    uid: String(user.uid),
    unk: user.nickname,
    uic: user.avatar,
    drid: String(siteWide ? broadcastRoom(context) : roomId),
    donk: anchorName(context),
    nl: String(rng.int(1, 7)),
    ts: seconds(atMs),
  });
}

export const EVENT_BODIES = {
  synexp: (context: BodyContext): string => {
    const { rng, roomId } = context;
    const level = rng.int(10, 120);
    const minExp = level * 150_000_000;
    return fill(template(context, 'synexp'), {
      o_exp: String(minExp + rng.int(0, 99_999_999)),
      o_lev: String(level),
      o_minexp: String(minExp),
      o_upexp: String(rng.int(1_000_000, 900_000_000)),
      rid: String(roomId),
    });
  },
  anbc: (context: BodyContext): string => nobleBody(context, 'anbc'),
  rnewbc: (context: BodyContext): string => nobleBody(context, 'rnewbc'),
  spbc: (context: BodyContext): string => {
    const { rng, atMs, roomId, seq } = context;
    const gfid = rng.pick(GIFT_IDS);
    return fill(template(context, 'spbc'), {
      sn: userOf(context).nickname,
      dn: anchorName(context),
      gn: rng.pick(GIFT_NAMES),
      gc: String(rng.chance(0.9) ? 1 : rng.int(2, 10)),
      drid: String(broadcastRoom(context)),
      gfid: String(gfid),
      rid: String(rng.chance(0.7) ? roomId : rng.pick([0, -1003548456])),
      bid: `${rng.int(30000, 1002012)}_${seconds(atMs)}_${seq}`,
      sid: String(rng.int(100_000, 400_000_000)),
    });
  },
  blab: (context: BodyContext): string => {
    const { rng, roomId } = context;
    const user = userOf(context);
    const level = rng.int(2, 30);
    return fill(template(context, 'blab'), {
      uid: String(user.uid),
      nn: user.nickname,
      lbl: String(level - 1),
      bl: String(level),
      bnn: roomBadgeName(context.seed, roomId),
      rid: String(roomId),
    });
  },
  upgrade: (context: BodyContext): string => {
    const user = userOf(context);
    return fill(template(context, 'upgrade'), {
      ...userOverrides(user),
      rid: String(context.roomId),
    });
  },
  rankup: (context: BodyContext): string => {
    const { rng, roomId } = context;
    const user = userOf(context);
    return fill(template(context, 'rankup'), {
      rid: String(roomId),
      drid: String(roomId),
      uid: String(user.uid),
      nk: user.nickname,
      rkt: String(rng.pick([1, 2, 4])),
      rn: String(rng.int(1, 10)),
    });
  },
  ssd: (context: BodyContext): string =>
    fill(template(context, 'ssd'), {
      sdid: String(context.rng.int(1000, 30000)),
      content: context.rng.pick(SUPER_DANMAKU_TEXTS),
      rid: String(context.roomId),
      trid: String(context.rng.int(10_000, 12_000_000)),
    }),
  newblackres: (context: BodyContext): string => {
    const { rng, atMs, roomId } = context;
    const operator = userOf(context);
    const target = userOf(context);
    return fill(template(context, 'newblackres'), {
      rid: String(roomId),
      otype: String(rng.int(0, 3)),
      sid: String(operator.uid),
      did: String(target.uid),
      snic: operator.nickname,
      dnic: target.nickname,
      endtime: seconds(atMs + rng.int(600, 30 * 86_400) * 1000),
    });
  },
  configscreen: (context: BodyContext): string =>
    fill(template(context, 'configscreen'), {
      rid: String(context.roomId),
      userName: userOf(context).nickname,
      anchorName: anchorName(context),
      now: String(context.atMs),
      otherContent: String(context.rng.int(30, 60)),
    }),
  rss: (context: BodyContext): string =>
    fill(template(context, 'rss'), {
      rid: String(context.roomId),
      ss: context.rng.chance(0.5) ? '1' : '0',
      endtime: seconds(context.atMs),
    }),
  gpbc: (context: BodyContext): string => {
    const sender = userOf(context);
    const receiver = userOf(context);
    return fill(template(context, 'gpbc'), {
      sid: String(sender.uid),
      did: String(receiver.uid),
      snk: sender.nickname,
      dnk: receiver.nickname,
      rid: String(context.roomId),
    });
  },
  dfrbc: (context: BodyContext): string => {
    const { rng, roomId, atMs } = context;
    const user = userOf(context);
    return fill(template(context, 'dfrbc'), {
      uid: String(user.uid),
      rid: String(roomId),
      nick: user.nickname,
      level: String(user.level),
      bn: roomBadgeName(context.seed, roomId),
      mn: String(rng.int(1, 12)),
      cdays: String(rng.int(1, 365)),
      rrid: String(roomId),
      rnick: anchorName(context),
      bet: seconds(atMs + 30 * 86_400_000),
    });
  },
  comm_chatmsg: (context: BodyContext): string => {
    const { rng, roomId, seq, atMs } = context;
    const user = userOf(context);
    const inner = serializeStt([
      ['nn', user.nickname],
      ['level', String(user.level)],
      ['type', 'chatmsg'],
      ['rid', String(roomId)],
      ['uid', String(user.uid)],
      ['txt', rng.pick(CHAT_TEXTS)],
      ['ail', serializeSttList(['1446', '3669', String(rng.int(100, 4000))])],
      ['ic', user.avatar],
    ]);
    const price = rng.pick([1000, 3000, 10000]);
    return fill(template(context, 'comm_chatmsg'), {
      vrid: `20130${String(roomId % 10_000_000).padStart(7, '0')}${String(seq).padStart(7, '0')}`,
      chatmsg: inner,
      cprice: String(price),
      crealPrice: String(price),
      rid: String(roomId),
      uid: String(user.uid),
      now: String(atMs),
    });
  },
} as const;
