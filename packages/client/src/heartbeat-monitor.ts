export interface HeartbeatCallbacks {
  /** Write one `mrkl` to the socket. */
  send(): void;
  sent(latenessMs: number): void;
  echoed(rttMs: number): void;
  /** Nothing was received for `deadAfterMs` while not paused. */
  dead(): void;
}

/**
 * The heartbeat and liveness timers of one logged-in connection. Times are monotonic
 * (`performance.now()`), so wall-clock jumps neither fake a dead socket nor a negative RTT.
 */
export class HeartbeatMonitor {
  readonly #intervalMs: number;
  readonly #deadAfterMs: number;
  readonly #callbacks: HeartbeatCallbacks;
  #heartbeatTimer: NodeJS.Timeout | undefined;
  #deadTimer: NodeJS.Timeout | undefined;
  #sentAt: number | undefined;
  #lastReceivedAt = performance.now();
  #paused = false;
  #stopped = false;

  constructor(intervalMs: number, deadAfterMs: number, callbacks: HeartbeatCallbacks) {
    this.#intervalMs = intervalMs;
    this.#deadAfterMs = deadAfterMs;
    this.#callbacks = callbacks;
  }

  /** Sends the first heartbeat now (the server's idle timeout is undocumented), then on schedule. */
  start(): void {
    this.#lastReceivedAt = performance.now();
    this.#beat(0);
    if (!this.#stopped) this.#scheduleDeadCheck(this.#deadAfterMs);
  }

  received(): void {
    this.#lastReceivedAt = performance.now();
  }

  /** The server echoed `mrkl`. An echo with no heartbeat outstanding is ignored. */
  echoed(): void {
    if (this.#sentAt === undefined) return;
    const rttMs = performance.now() - this.#sentAt;
    this.#sentAt = undefined;
    this.#callbacks.echoed(rttMs);
  }

  /**
   * While paused we are not reading, so silence proves nothing and an echo read later would
   * measure the pause, not the network: neither counts until resumed.
   */
  setPaused(paused: boolean): void {
    this.#paused = paused;
    this.#sentAt = undefined;
    if (!paused) this.#lastReceivedAt = performance.now();
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#heartbeatTimer);
    clearTimeout(this.#deadTimer);
  }

  #beat(latenessMs: number): void {
    this.#callbacks.send();
    const sentAt = performance.now();
    this.#sentAt = this.#paused ? undefined : sentAt;
    const scheduledAt = sentAt + this.#intervalMs;
    this.#heartbeatTimer = setTimeout(() => {
      this.#beat(Math.max(0, performance.now() - scheduledAt));
    }, this.#intervalMs);
    this.#callbacks.sent(latenessMs);
  }

  // One lazy timer rather than re-arming on every chunk: cheap with thousands of rooms.
  #scheduleDeadCheck(delayMs: number): void {
    this.#deadTimer = setTimeout(() => {
      const silentMs = performance.now() - this.#lastReceivedAt;
      if (this.#paused) this.#scheduleDeadCheck(this.#deadAfterMs);
      else if (silentMs >= this.#deadAfterMs) this.#callbacks.dead();
      else this.#scheduleDeadCheck(this.#deadAfterMs - silentMs);
    }, delayMs);
  }
}
