import { hash32, Prng } from './prng.js';
import { BADGE_NAMES, NICKNAME_SUFFIXES, NICKNAMES } from './text-pools.js';

/** A viewer as the generated messages show them; the same uid always looks the same in a room. */
export interface UserProfile {
  uid: number;
  nickname: string;
  level: number;
  /** Avatar path as Douyu sends it (`ic`), '/' separated. */
  avatar: string;
  nobleLevel: number;
  badge: Badge | undefined;
}

export interface Badge {
  name: string;
  level: number;
  roomId: number;
  /** `hc`: 32 hex characters. */
  checksum: string;
}

/** Viewers per room; a log-uniform pick makes a few of them chatty and most of them rare. */
const AUDIENCE_SIZE = 20_000;

export function pickUser(rng: Prng, seed: number, roomId: number): UserProfile {
  const index = rng.logUniformInt(AUDIENCE_SIZE);
  const uid = 100_000 + (hash32(seed, roomId, index) % 499_900_000);
  return userProfile(seed, uid, roomId);
}

/** Profiles are pure, so a bounded cache only saves time; it is cleared when full. */
const MAX_CACHED_PROFILES = 100_000;
/**
 * Keyed by uid alone: building a `seed:room:uid` string key for every message cost more than the
 * lookup. The entry remembers its seed and room, and a uid seen under another one is rebuilt.
 */
const profiles = new Map<number, { seed: number; roomId: number; profile: UserProfile }>();

export function userProfile(seed: number, uid: number, roomId: number): UserProfile {
  const cached = profiles.get(uid);
  if (cached !== undefined && cached.seed === seed && cached.roomId === roomId) {
    return cached.profile;
  }
  if (profiles.size >= MAX_CACHED_PROFILES) profiles.clear();
  const profile = buildProfile(seed, uid, roomId);
  profiles.set(uid, { seed, roomId, profile });
  return profile;
}

function buildProfile(seed: number, uid: number, roomId: number): UserProfile {
  const rng = new Prng(seed, uid, 0x75736572);
  const nickname = rng.chance(0.01)
    ? ''
    : rng.pick(NICKNAMES) +
      rng.pick(NICKNAME_SUFFIXES) +
      (rng.chance(0.3) ? String(rng.int(1, 9999)) : '');
  const level = Math.min(150, rng.logUniformInt(60) + rng.int(0, 10));
  const nobleLevel = rng.chance(0.85) ? 0 : rng.int(1, 7);
  const badge = rng.chance(0.4) ? roomBadge(seed, roomId, rng) : undefined;
  return { uid, nickname, level, avatar: avatarPath(rng), nobleLevel, badge };
}

export function roomBadgeName(seed: number, roomId: number): string {
  return BADGE_NAMES[hash32(seed, roomId, 0x62616467) % BADGE_NAMES.length] as string;
}

function roomBadge(seed: number, roomId: number, rng: Prng): Badge {
  return {
    name: roomBadgeName(seed, roomId),
    level: rng.int(1, 30),
    roomId,
    checksum: new Prng(seed, roomId, 0x6863).hex(32),
  };
}

function avatarPath(rng: Prng): string {
  switch (rng.int(0, 3)) {
    case 0:
      return `avatar/default/${String(rng.int(1, 12)).padStart(2, '0')}`;
    case 1:
      return `avatar_v3/${rng.int(2018, 2026)}${String(rng.int(1, 12)).padStart(2, '0')}/${rng.hex(32)}`;
    case 2:
      return `avanew/face/2017${String(rng.int(1, 12)).padStart(2, '0')}/${rng.int(1, 28)}/${rng.int(0, 23)}/${rng.hex(32)}`;
    default:
      return `avatar/${String(rng.int(0, 99)).padStart(3, '0')}/${rng.int(10, 99)}/${rng.int(10, 99)}/${rng.int(10, 99)}_avatar`;
  }
}
