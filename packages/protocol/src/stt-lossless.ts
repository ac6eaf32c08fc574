const AT = 0x40; // '@'
const SLASH = 0x2f; // '/'
const UPPER_A = 0x41; // 'A', as in the escape '@A'
const UPPER_S = 0x53; // 'S', as in the escape '@S'

/**
 * Exactly `serializeStt(fields) === body`, without building the serialised string: the writer
 * asks this of every room_events body, and re-serialising each one cost ~5% of its CPU. Walks the
 * fields in serialisation order (own keys; parsed records have no prototype) and matches
 * `key@=value/` in place. Nothing is allocated.
 */
export function isLosslessStt(fields: Readonly<Record<string, string>>, body: string): boolean {
  let at = 0;
  for (const key in fields) {
    at = matchEscaped(key, body, at);
    if (at < 0 || !body.startsWith('@=', at)) return false;
    at = matchEscaped(fields[key] as string, body, at + 2);
    // Bounds first: charCodeAt past the end would deoptimise this hot loop.
    if (at < 0 || at >= body.length || body.charCodeAt(at) !== SLASH) return false;
    at++;
  }
  return at === body.length;
}

/** Where `escapeStt(text)` ends if it occurs in `body` at `at`; -1 when it does not. */
function matchEscaped(text: string, body: string, at: number): number {
  // Most keys and values need no escaping: native search and compare, no loop in JS.
  if (text.indexOf('@') === -1 && text.indexOf('/') === -1) {
    return body.startsWith(text, at) ? at + text.length : -1;
  }
  return matchEscapedChars(text, body, at);
}

/** The same, character by character, for text with escapes (nested lists): no allocation. */
function matchEscapedChars(text: string, body: string, at: number): number {
  const end = body.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === AT || c === SLASH) {
      if (at + 1 >= end || body.charCodeAt(at) !== AT) return -1;
      if (body.charCodeAt(at + 1) !== (c === AT ? UPPER_A : UPPER_S)) return -1;
      at += 2;
    } else {
      if (at >= end || body.charCodeAt(at) !== c) return -1;
      at++;
    }
  }
  return at;
}
