const IP_KEY = Buffer.from('ip@=');
const SLASH = 0x2f;

/**
 * `loginres` carries the client's own public IP (`ip@=…/`). The privacy rule says a client IP is
 * never stored, and Kafka is storage, so every top-level `ip` pair is cut out before producing;
 * every other byte stays as received. A `/` inside a value is always escaped (`@S`), so a raw `/`
 * followed by `ip@=` can only start a pair.
 */
export function redactLoginIp(body: Buffer): Buffer {
  let at = pairStart(body, 0);
  if (at === -1) return body;
  const pieces: Buffer[] = [];
  let keptFrom = 0;
  let unterminated = false;
  while (at !== -1) {
    pieces.push(body.subarray(keptFrom, at));
    const end = body.indexOf(SLASH, at + IP_KEY.length);
    unterminated = end === -1;
    keptFrom = unterminated ? body.length : end + 1;
    at = pairStart(body, keptFrom);
  }
  pieces.push(body.subarray(keptFrom));
  const redacted = Buffer.concat(pieces);
  // An unterminated last pair takes the '/' that introduced it along, as a body never ends in
  // a bare separator that it did not have.
  return unterminated && redacted.at(-1) === SLASH ? redacted.subarray(0, -1) : redacted;
}

/** Offset of the next `ip@=` that begins a pair (at the start, or right after a '/'), or -1. */
function pairStart(body: Buffer, from: number): number {
  let at = body.indexOf(IP_KEY, from);
  while (at !== -1 && at > 0 && body[at - 1] !== SLASH) at = body.indexOf(IP_KEY, at + 1);
  return at;
}
