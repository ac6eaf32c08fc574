import type { FaultConfig } from './faults.js';

/** The session operations the login handshake drives. */
export interface LoginTarget {
  /** Records the loginreq's room and re-reads the faults (the per-connection hook runs here). */
  loggedIn(roomId: number): FaultConfig;
  /** Sends loginres, then the pingreq real servers push right after it. */
  answerLogin(): void;
  joinRoom(roomId: number): void;
  isOpen(): boolean;
}

/**
 * loginreq → (delay) → loginres, and joingroup, in whichever order they come: a join that
 * arrives before the login is answered waits for it, as the stream never precedes loginres.
 */
export class LoginFlow {
  private requested = false;
  private answered = false;
  private pendingJoin: number | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly target: LoginTarget) {}

  loginRequested(roomId: number): void {
    if (this.requested) return;
    this.requested = true;
    const faults = this.target.loggedIn(roomId);
    if (faults.noLoginRes === true) {
      this.answered = true;
      this.joinPending();
      return;
    }
    const delayMs = faults.loginDelayMs ?? 0;
    if (delayMs <= 0) this.answer();
    else this.timer = setTimeout(() => this.answer(), delayMs);
  }

  joinRequested(roomId: number): void {
    this.pendingJoin = roomId;
    if (this.answered) this.joinPending();
  }

  stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private answer(): void {
    this.timer = undefined;
    if (!this.target.isOpen()) return;
    this.target.answerLogin();
    this.answered = true;
    this.joinPending();
  }

  private joinPending(): void {
    const roomId = this.pendingJoin;
    if (roomId === undefined || !this.target.isOpen()) return;
    this.pendingJoin = undefined;
    this.target.joinRoom(roomId);
  }
}
