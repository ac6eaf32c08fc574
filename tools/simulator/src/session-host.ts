import type { FaultConfig } from './faults.js';

/**
 * What a session needs from the simulator around it. Generic in the session type so this file
 * need not import the session that imports it.
 */
export interface SessionHost<Session> {
  readonly seed: number;
  readonly pingIntervalMs: number;
  readonly maxBufferedBytes: number;
  wallNow(): number;
  /** Effective faults: server-wide, then the per-connection hook once the room is known. */
  faultsFor(session: Session): FaultConfig;
  isLive(roomId: number): boolean;
  join(session: Session, roomId: number): void;
  leave(session: Session): void;
  needsFlush(session: Session): void;
  /** The session corked its transport; the simulator uncorks it at the end of the tick. */
  corked(session: Session): void;
  closed(session: Session): void;
}
