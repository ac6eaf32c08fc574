import { encodeFrame, FrameDecoder, ProtocolError, SERVER_FRAME_TYPE } from '@danmaku/protocol';
import { dispatchClientRequest, type ClientRequestHandlers } from './client-requests.js';
import { keepaliveReply, loginResponse, pingRequest } from './control-bodies.js';
import { coalesceLimit, malformedFrame, splitPieceLimit, type FaultConfig } from './faults.js';
import {
  countControl,
  countStream,
  newSessionRecord,
  type CloseReason,
  type SessionRecord,
} from './ground-truth.js';
import { LoginFlow } from './login-flow.js';
import { Outbox } from './outbox.js';
import { Prng } from './prng.js';
import { closesAfter, nextStreamAction, type StreamProgress } from './stream-faults.js';
import type { SessionHost } from './session-host.js';
import type { ConnectionHandler, Transport } from './transport.js';

/** 'silent': open, but sending nothing (after a malformed frame, or the silence fault). */
type State = 'open' | 'silent' | 'closing' | 'closed';

/** Grace period for a client to drop the socket after a malformed frame before the server does. */
const MALFORMED_GRACE_MS = 5_000;
const MAX_CLIENT_FRAME_BYTES = 64 * 1024;
const MRKL_FRAME = encodeFrame('type@=mrkl/', SERVER_FRAME_TYPE);

/** One client connection: Douyu's login, join, heartbeat and logout, with faults applied. */
export class Session implements ConnectionHandler {
  readonly record: SessionRecord;
  private readonly decoder = new FrameDecoder({ maxFrameBytes: MAX_CLIENT_FRAME_BYTES });
  private readonly outbox: Outbox;
  private readonly login: LoginFlow;
  private readonly requests: ClientRequestHandlers = {
    login: (roomId) => this.login.loginRequested(roomId),
    join: (roomId) => this.login.joinRequested(roomId),
    heartbeat: (kind) => this.heartbeat(kind),
    logout: () => this.close('logout'),
  };
  private readonly progress: StreamProgress = { sent: 0, malformedSent: false, errorSent: false };
  private state: State = 'open';
  private faults: FaultConfig = {};
  private nextPingAtMs = Number.POSITIVE_INFINITY;
  private timers: Array<ReturnType<typeof setTimeout>> = [];
  private closeTimer: ReturnType<typeof setTimeout> | undefined;
  private isCorked = false;

  constructor(
    readonly id: number,
    private readonly transport: Transport,
    private readonly host: SessionHost<Session>,
  ) {
    this.record = newSessionRecord(id, transport.kind, transport.localPort, host.wallNow());
    this.outbox = new Outbox(transport, new Prng(host.seed, id, 0x6f7574), {
      splitMaxPieceBytes: undefined,
      coalesceMaxFrames: undefined,
    });
    this.login = new LoginFlow({
      loggedIn: (roomId) => {
        this.record.loginRoomId = roomId;
        this.applyFaults();
        return this.faults;
      },
      answerLogin: () => this.answerLogin(),
      joinRoom: (roomId) => this.joinRoom(roomId),
      isOpen: () => this.state === 'open',
    });
    this.applyFaults();
  }

  get joinedRoom(): number | undefined {
    return this.record.roomId ?? undefined;
  }

  /** Re-reads the effective faults (after login, or when the server's faults change). */
  applyFaults(): void {
    this.faults = this.host.faultsFor(this);
    this.record.faults = this.faults;
    this.outbox.setPlan({
      splitMaxPieceBytes: splitPieceLimit(this.faults),
      coalesceMaxFrames: coalesceLimit(this.faults),
    });
    clearTimeout(this.closeTimer);
    this.closeTimer = undefined;
    const closeAfterMs = this.faults.closeAfterMs;
    if (closeAfterMs !== undefined && this.state === 'open') {
      const remaining = closeAfterMs - (this.host.wallNow() - this.record.connectedAtMs);
      this.closeTimer = setTimeout(() => this.close('close-after-ms'), Math.max(0, remaining));
    }
  }

  data(chunk: Buffer): void {
    try {
      this.decoder.push(chunk);
      for (const frame of this.decoder) {
        if (this.isClosing()) return;
        dispatchClientRequest(frame.body.toString('utf8'), this.requests);
      }
    } catch (error) {
      if (!(error instanceof ProtocolError)) throw error;
      this.close('client-protocol-error');
    }
  }

  closed(): void {
    if (this.state === 'closed') return;
    this.record.closeReason ??= 'client-closed';
    this.record.closedAtMs = this.host.wallNow();
    this.state = 'closed';
    this.stop();
    this.host.closed(this);
  }

  /** Graceful by default: what was queued is flushed first, so the client receives all of it. */
  close(reason: CloseReason, reset = false): void {
    if (this.isClosing()) return;
    this.record.closeReason ??= reason;
    this.state = 'closing';
    this.stop();
    if (reset) this.transport.reset();
    else {
      this.outbox.flush(true);
      this.transport.end();
    }
  }

  /** Returns true while a held split tail still waits for the next tick. */
  flush(): boolean {
    if (this.state === 'closed') return false;
    this.outbox.flush();
    return this.outbox.needsFlush;
  }

  uncork(): void {
    if (!this.isCorked) return;
    this.isCorked = false;
    this.transport.uncork();
  }

  /** Called about once a second by the simulator. */
  sweep(nowMs: number): void {
    if (this.state === 'open' && nowMs >= this.nextPingAtMs) {
      this.nextPingAtMs = nowMs + this.host.pingIntervalMs;
      this.sendControl('pingreq', pingRequest(nowMs));
    }
  }

  /** Offers one frame of the joined room's stream; returns whether it was sent. */
  deliver(frame: Buffer, roomId: number, seq: number, type: string): boolean {
    if (this.state !== 'open') return false;
    if (!this.isCorked) {
      // Stream frames of one tick leave in one write; the simulator uncorks after the tick.
      this.isCorked = true;
      this.transport.cork();
      this.host.corked(this);
    }
    switch (nextStreamAction(this.faults, this.progress)) {
      case 'close':
        this.close('close-after-messages');
        return false;
      case 'silence':
        this.state = 'silent';
        return false;
      case 'malformed':
        this.sendMalformed();
        return false;
      case 'error-then-send':
        this.progress.errorSent = true;
        this.sendControl('error', `type@=error/code@=${this.faults.error?.code ?? 0}/`);
        break;
      case 'send':
        break;
    }
    if (!this.enqueue(frame)) return false;
    countStream(this.record, roomId, seq, type);
    this.progress.sent++;
    if (closesAfter(this.faults, this.progress.sent)) this.close('close-after-messages');
    return true;
  }

  private heartbeat(kind: 'mrkl' | 'keeplive'): void {
    if (this.faults.noHeartbeatEcho === true) return;
    if (kind === 'mrkl') this.sendControl('mrkl', MRKL_FRAME);
    else this.sendControl('keeplive', keepaliveReply(this.host.wallNow()));
  }

  private answerLogin(): void {
    const roomId = this.record.loginRoomId ?? 0;
    this.sendControl('loginres', loginResponse(this.id, this.host.isLive(roomId)));
    this.nextPingAtMs = this.host.wallNow() + this.host.pingIntervalMs;
    this.sendControl('pingreq', pingRequest(this.host.wallNow()));
  }

  private joinRoom(roomId: number): void {
    if (this.record.roomId === roomId) return;
    this.host.leave(this);
    this.record.roomId = roomId;
    this.host.join(this, roomId);
  }

  private sendControl(type: string, body: string | Buffer): void {
    if (this.state !== 'open') return;
    const frame = typeof body === 'string' ? encodeFrame(body, SERVER_FRAME_TYPE) : body;
    if (this.enqueue(frame)) countControl(this.record, type);
  }

  /** Nothing after a malformed frame could be decoded: send nothing more, close if the client does not. */
  private sendMalformed(): void {
    this.progress.malformedSent = true;
    if (this.outbox.enqueue(malformedFrame(this.faults.malformed?.kind ?? 'bad-length')))
      this.host.needsFlush(this);
    this.record.malformedFrames++;
    this.record.closeReason = 'malformed';
    this.state = 'silent';
    this.timers.push(setTimeout(() => this.close('malformed'), MALFORMED_GRACE_MS));
  }

  /** False (and counted) when the client is too slow: the frame is dropped, not queued. */
  private enqueue(frame: Buffer): boolean {
    if (this.outbox.bufferedBytes + frame.length > this.host.maxBufferedBytes) {
      this.record.droppedFrames++;
      return false;
    }
    if (this.outbox.enqueue(frame)) this.host.needsFlush(this);
    return true;
  }

  private isClosing(): boolean {
    return this.state === 'closing' || this.state === 'closed';
  }

  private stop(): void {
    this.stopTimers();
    this.login.stop();
    this.host.leave(this);
  }

  private stopTimers(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
    clearTimeout(this.closeTimer);
    this.closeTimer = undefined;
  }
}
