const IP_KEY = Buffer.from('/ip@=');

/**
 * `loginres` carries the collector's own public IP (`ip@=…/`). The privacy rule says it is never
 * stored, and Kafka is storage, so that one pair is cut out before producing. Every other byte,
 * and every other body, goes to Kafka exactly as received.
 */
export function redactLoginIp(body: Buffer): Buffer {
  const at = body.indexOf(IP_KEY);
  if (at === -1) return body;
  const end = body.indexOf(0x2f, at + IP_KEY.length); // '/' closing the value
  const cutTo = end === -1 ? body.length : end;
  return Buffer.concat([body.subarray(0, at), body.subarray(cutTo)]);
}
