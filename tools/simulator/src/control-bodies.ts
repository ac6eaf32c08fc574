import { serializeStt } from '@danmaku/protocol';

/**
 * `loginres` as danmuproxy sends it (key order of the 2023 capture). `ip` is the client's public
 * address on the real server; here it is always in 192.0.2.0/24 (TEST-NET-1, documentation only),
 * so no real address can leak into a test database. `sessionid` carries the simulator's session
 * id, which lets a test match a client to its ground truth.
 */
export function loginResponse(sessionId: number, live: boolean): string {
  return serializeStt([
    ['type', 'loginres'],
    ['userid', '0'],
    ['roomgroup', '0'],
    ['pg', '0'],
    ['sessionid', String(sessionId)],
    ['username', ''],
    ['nickname', ''],
    ['live_stat', live ? '1' : '0'],
    ['is_illegal', '0'],
    ['ill_ct', ''],
    ['ill_ts', '0'],
    ['now', '0'],
    ['ps', '0'],
    ['es', '0'],
    ['it', '0'],
    ['its', '0'],
    ['npv', '0'],
    ['best_dlev', '0'],
    ['cur_lev', '0'],
    ['nrc', String(1_000_000_000 + (sessionId % 3_000_000_000))],
    ['ih', '0'],
    ['sid', '72256'],
    ['sahf', '0'],
    ['sceneid', '0'],
    ['newrg', '0'],
    ['regts', '0'],
    ['ip', documentationAddress(sessionId)],
    ['rn', '0'],
    ['rct', '0'],
  ]);
}

export function documentationAddress(sessionId: number): string {
  return `192.0.2.${1 + (sessionId % 254)}`;
}

export function pingRequest(nowMs: number): string {
  return `type@=pingreq/tick@=${Math.floor(nowMs)}/`;
}

export function keepaliveReply(nowMs: number): string {
  return `type@=keeplive/tick@=${Math.floor(nowMs / 1000)}/`;
}
