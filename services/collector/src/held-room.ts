import type { ClosedEvent, Endpoint, RoomClient, SessionInfo } from '@danmaku/client';
import type { RawRecord, SessionEvent, SessionEventKind } from '@danmaku/records';
import { redactLoginIp } from '@danmaku/protocol';

/** What a held room reports to its manager (records, session events, counters). */
export interface HeldRoomOwner {
  record(record: RawRecord): void;
  session(event: SessionEvent): void;
  closed(room: HeldRoom, event: ClosedEvent): void;
}

interface CurrentSession {
  id: string;
  endpoint: Endpoint;
  seq: number;
  joined: boolean;
}

/**
 * One room held by this collector: its RoomClient (created after a connect-rate slot), the
 * per-session sequence numbers, and the leases keeping it open.
 */
export class HeldRoom {
  readonly room: number;
  leases = 0;
  /** Bodies received over the room's lifetime in this process. */
  messages = 0;
  lastMessageAtMs: number | undefined;
  client: RoomClient | undefined;
  startTimer: NodeJS.Timeout | undefined;
  closing: Promise<void> | undefined;
  readonly #collector: string;
  readonly #owner: HeldRoomOwner;
  #session: CurrentSession | undefined;

  constructor(room: number, collector: string, owner: HeldRoomOwner) {
    this.room = room;
    this.#collector = collector;
    this.#owner = owner;
  }

  get joined(): boolean {
    return this.#session?.joined === true;
  }

  /** Wires the client's events into records and session events. */
  attach(client: RoomClient): void {
    this.client = client;
    client.on('connecting', (e) => {
      this.#session = { id: e.sessionId, endpoint: e.endpoint, seq: 0, joined: false };
      this.#emit('connecting', e, null);
    });
    client.on('connected', (e) => this.#emit('connected', e, null));
    client.on('loggedIn', (e) => {
      if (this.#session?.id === e.sessionId) this.#session.joined = true;
      this.#emit('logged_in', e, null);
    });
    client.on('frame', (body, receivedAtMs, type) => this.#frame(body, receivedAtMs, type));
    client.on('closed', (e) => {
      this.#emit('closed', e, closeReasonText(e));
      if (this.#session?.id === e.sessionId) this.#session = undefined;
      this.#owner.closed(this, e);
    });
  }

  #frame(body: Buffer, receivedAtMs: number, type: string | undefined): void {
    const session = this.#session;
    if (session === undefined) return;
    session.seq += 1;
    this.messages += 1;
    this.lastMessageAtMs = receivedAtMs;
    this.#owner.record({
      room: this.room,
      // The client hands out views into its socket chunk; a record outlives this tick.
      body: Buffer.from(type === 'loginres' ? redactLoginIp(body) : body),
      receivedAtMs,
      type: type ?? '',
      session: session.id,
      collector: this.#collector,
      seq: session.seq,
    });
  }

  #emit(event: SessionEventKind, info: SessionInfo, reason: string | null): void {
    const endpoint = info.endpoint;
    this.#owner.session({
      session: info.sessionId,
      room: this.room,
      collector: this.#collector,
      transport: endpoint.transport,
      endpoint: endpoint.transport === 'ws' ? endpoint.url : `${endpoint.host}:${endpoint.port}`,
      event,
      at: Date.now(),
      reason,
      messages: this.#session?.id === info.sessionId ? this.#session.seq : 0,
    });
  }
}

/** The close reason, with the protocol error code or Douyu error code when there is one. */
export function closeReasonText(event: ClosedEvent): string {
  if (event.reason === 'server-error' && event.serverErrorCode !== undefined) {
    return `server-error:${event.serverErrorCode}`;
  }
  const code = (event.error as { code?: unknown } | undefined)?.code;
  if (event.reason === 'protocol-error' && typeof code === 'string')
    return `protocol-error:${code}`;
  return event.reason;
}
