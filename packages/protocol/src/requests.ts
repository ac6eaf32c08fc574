/** Client → server bodies, ready for encodeFrame. Room and group ids are integers on the wire. */

export function loginRequest(roomId: number): string {
  return `type@=loginreq/roomid@=${checkId('roomId', roomId)}/`;
}

/** gid -9999 is Douyu's "everything" group: every chat line of the room. */
export function joinGroupRequest(roomId: number, groupId = -9999): string {
  return `type@=joingroup/rid@=${checkId('roomId', roomId)}/gid@=${checkId('groupId', groupId)}/`;
}

export function heartbeatRequest(): string {
  return 'type@=mrkl/';
}

export function logoutRequest(): string {
  return 'type@=logout/';
}

function checkId(name: string, value: number): number {
  if (!Number.isSafeInteger(value))
    throw new RangeError(`${name} must be an integer, got ${value}`);
  return value;
}
