import { DEFAULT_MAX_FRAME_BYTES, encodeFrame, SERVER_FRAME_TYPE } from '@danmaku/protocol';

export type MalformedKind =
  'bad-length' | 'length-mismatch' | 'unknown-type' | 'oversize' | 'missing-terminator';

export const MALFORMED_KINDS: readonly MalformedKind[] = [
  'bad-length',
  'length-mismatch',
  'unknown-type',
  'oversize',
  'missing-terminator',
];

/**
 * What the server does wrong on a connection. Every field is optional; counts are stream
 * messages (room traffic) since the session began, times are from the connection's accept.
 */
export interface FaultConfig {
  /** Cut the outgoing byte stream at random offsets into pieces of 1..maxPieceBytes (log-uniform). */
  split?: boolean | { maxPieceBytes?: number };
  /** Put 2..maxFrames frames into one write / one WebSocket message. */
  coalesce?: boolean | { maxFrames?: number };
  /** Close (gracefully, after flushing) once this many stream messages were sent. */
  closeAfterMessages?: number;
  /** Close (gracefully) this long after the connection was accepted. */
  closeAfterMs?: number;
  /** Keep the socket open but send nothing more after this many stream messages. */
  silenceAfterMessages?: number;
  /** Do not answer `mrkl` heartbeats. */
  noHeartbeatEcho?: boolean;
  /** Send one malformed frame after `afterMessages` stream messages, then send nothing more. */
  malformed?: { kind: MalformedKind; afterMessages?: number };
  /** Send `type@=error/code@=<code>/` after `afterMessages` stream messages, and go on. */
  error?: { code: number; afterMessages?: number };
  /** Wait this long before answering `loginreq`. */
  loginDelayMs?: number;
  /** Never answer `loginreq` (the stream still starts on joingroup). */
  noLoginRes?: boolean;
}

/** Later configs override earlier ones field by field; undefined fields are ignored. */
export function mergeFaults(...configs: ReadonlyArray<FaultConfig | undefined>): FaultConfig {
  const merged: Record<string, unknown> = {};
  for (const config of configs) {
    if (config === undefined) continue;
    for (const [key, value] of Object.entries(config)) {
      if (value !== undefined) merged[key] = value;
    }
  }
  return merged;
}

export function splitPieceLimit(faults: FaultConfig): number | undefined {
  const split = faults.split;
  if (split === undefined || split === false) return undefined;
  return split === true ? 2048 : Math.max(1, split.maxPieceBytes ?? 2048);
}

export function coalesceLimit(faults: FaultConfig): number | undefined {
  const coalesce = faults.coalesce;
  if (coalesce === undefined || coalesce === false) return undefined;
  return coalesce === true ? 16 : Math.max(2, coalesce.maxFrames ?? 16);
}

/** Frame bytes of an oversize frame: just over the decoders' default 1 MiB cap. */
export const OVERSIZE_FRAME_BYTES = DEFAULT_MAX_FRAME_BYTES + 4096;

/** One broken frame of the given kind; every kind fails a correct decoder at the header. */
export function malformedFrame(kind: MalformedKind): Buffer {
  switch (kind) {
    case 'bad-length': {
      // Declared length 5: shorter than the 9 bytes of an empty body's header and NUL.
      const frame = encodeFrame('type@=chatmsg/', SERVER_FRAME_TYPE);
      frame.writeUInt32LE(5, 0);
      frame.writeUInt32LE(5, 4);
      return frame;
    }
    case 'length-mismatch': {
      const frame = encodeFrame('type@=chatmsg/txt@=mismatch/', SERVER_FRAME_TYPE);
      frame.writeUInt32LE(frame.readUInt32LE(4) + 1, 4);
      return frame;
    }
    case 'unknown-type': {
      const frame = encodeFrame('type@=chatmsg/txt@=unknown type/', SERVER_FRAME_TYPE);
      frame.writeUInt16LE(691, 8);
      return frame;
    }
    case 'missing-terminator': {
      const frame = encodeFrame('type@=chatmsg/txt@=no terminator/', SERVER_FRAME_TYPE);
      frame[frame.length - 1] = 0x2f;
      return frame;
    }
    case 'oversize': {
      const header = 'type@=chatmsg/txt@=';
      const filler = 'x'.repeat(OVERSIZE_FRAME_BYTES - 12 - 1 - header.length - 1);
      return encodeFrame(`${header}${filler}/`, SERVER_FRAME_TYPE);
    }
  }
}
