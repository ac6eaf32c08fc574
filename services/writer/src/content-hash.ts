// The merge key of a non-chat message: a 64-bit hash of its body exactly as received. Two
// collectors holding the same room receive the same server broadcast byte for byte; the hash
// names those bytes. Not cryptographic (nobody gains by forging a collision, which would merge
// two messages of one room within the merge window); chosen for speed: SHA-256 through
// node:crypto costs ~5x more per ~200-byte body, mostly in the call across into C++.

const PRIME_1 = 2_654_435_761;
const PRIME_2 = 1_597_334_677;
const MIX_1 = 2_246_822_507;
const MIX_2 = 3_266_489_909;

/**
 * Two 32-bit multiply-xor lanes over the bytes, cross-mixed at the end (cyrb53 widened to 64
 * bits); returned as the signed int8 PostgreSQL stores, in decimal.
 */
export function contentHash(body: Uint8Array): string {
  let h1 = 0xdeadbeef | 0;
  let h2 = 0x41c6ce57 | 0;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i] as number;
    h1 = Math.imul(h1 ^ byte, PRIME_1);
    h2 = Math.imul(h2 ^ byte, PRIME_2);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), MIX_1);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), MIX_2);
  h2 = Math.imul(h2 ^ (h2 >>> 16), MIX_1);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), MIX_2);
  return BigInt.asIntN(64, (BigInt(h2 >>> 0) << 32n) | BigInt(h1 >>> 0)).toString();
}
