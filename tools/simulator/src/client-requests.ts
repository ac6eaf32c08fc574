import { parseInteger, parseStt } from '@danmaku/protocol';

export interface ClientRequestHandlers {
  login(roomId: number): void;
  join(roomId: number): void;
  /** `mrkl` (current) or `keeplive` (the older heartbeat). */
  heartbeat(kind: 'mrkl' | 'keeplive'): void;
  logout(): void;
}

/** Routes one client frame by its `type`; anything else is ignored, as danmuproxy appears to do. */
export function dispatchClientRequest(body: string, handlers: ClientRequestHandlers): void {
  const fields = parseStt(body);
  switch (fields.type) {
    case 'loginreq':
      // Visitor logins of 2019–2020 wrote room_id with an underscore.
      handlers.login(parseInteger(fields.roomid ?? fields.room_id) ?? 0);
      return;
    case 'joingroup':
      handlers.join(parseInteger(fields.rid) ?? 0);
      return;
    case 'mrkl':
    case 'keeplive':
      handlers.heartbeat(fields.type);
      return;
    case 'logout':
      handlers.logout();
      return;
    default:
      return;
  }
}
