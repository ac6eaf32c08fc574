/**
 * Seeded randomness. Every random choice in the simulator comes from here, so a room's traffic is a
 * pure function of (seed, room id, sequence number): no Math.random anywhere.
 */

/** Folds integers into one 32-bit hash (murmur3-style finaliser per step). */
export function hash32(...values: number[]): number {
  let h = 0x811c9dc5;
  for (const value of values) {
    // Split so ids above 2^32 (and negative ids) still contribute all their bits.
    const low = value >>> 0;
    const high = Math.floor(value / 0x1_0000_0000) >>> 0;
    h = mixStep(mixStep(h, low), high);
  }
  return finalise(h);
}

function mixStep(h: number, k: number): number {
  let x = Math.imul(k, 0xcc9e2d51);
  x = (x << 15) | (x >>> 17);
  x = Math.imul(x, 0x1b873593);
  const y = (h ^ x) >>> 0;
  return (Math.imul((y << 13) | (y >>> 19), 5) + 0xe6546b64) >>> 0;
}

function finalise(h: number): number {
  let x = h ^ (h >>> 16);
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** sfc32: small, fast, and passes PractRand; seeded from four 32-bit words. */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d = 1;

  constructor(...seedWords: number[]) {
    this.a = hash32(0x9e3779b9, ...seedWords);
    this.b = hash32(0x243f6a88, ...seedWords);
    this.c = hash32(0xb7e15162, ...seedWords);
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 0x1_0000_0000;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Exponential with the given mean: gaps of a Poisson process. */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** Integer in [1, max], log-uniform: small values as likely per decade as large ones. */
  logUniformInt(max: number): number {
    return Math.min(max, Math.max(1, Math.floor(Math.exp(this.next() * Math.log(max + 1)))));
  }

  /** Lowercase hex of `digits` characters. */
  hex(digits: number): string {
    let out = '';
    while (out.length < digits) out += this.nextUint32().toString(16).padStart(8, '0');
    return out.slice(0, digits);
  }
}
