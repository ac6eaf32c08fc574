/**
 * Types the server sends to one connection in answer to it (login, heartbeats, a ping, an error),
 * not room broadcasts: two connections to one room each get their own, often byte-identical
 * (`type@=mrkl/`, a keeplive tick in whole seconds). Pipelines that merge the copies of a
 * broadcast that several connections received must keep these per connection.
 */
const SESSION_REPLY_TYPES: ReadonlySet<string> = new Set([
  'loginres',
  'keeplive',
  'mrkl',
  'pingreq',
  'error',
]);

/** Whether a message of this wire `type` answers one connection rather than the whole room. */
export function isSessionReply(wireType: string | undefined): boolean {
  return wireType !== undefined && SESSION_REPLY_TYPES.has(wireType);
}
