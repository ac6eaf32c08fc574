import { mergeFaults, type FaultConfig } from './faults.js';
import {
  buildGroundTruth,
  writeTruthFile,
  type GroundTruth,
  type SessionRecord,
} from './ground-truth.js';
import { startListener, type Listener } from './listeners.js';
import {
  faultProblems,
  resolveOptions,
  type ResolvedOptions,
  type SimulatorOptions,
} from './options.js';
import { RoomHub } from './room-hub.js';
import type { RoomTraffic } from './room-schedule.js';
import { Session } from './session.js';
import type { SessionHost } from './session-host.js';
import type { GroundTruthOptions, Simulator } from './simulator-api.js';
import type { Transport } from './transport.js';

export type { GroundTruthOptions, Simulator };

const SWEEP_EVERY_MS = 1_000;

class SimulatorServer implements Simulator {
  private readonly listeners: Listener[] = [];
  private readonly sessions = new Map<number, Session>();
  private readonly records = new Map<number, SessionRecord>();
  private readonly hookFaults = new Map<number, FaultConfig | undefined>();
  private readonly dirty = new Set<Session>();
  private corked: Session[] = [];
  private readonly hub: RoomHub;
  private readonly sessionHost: SessionHost<Session>;
  private faults: FaultConfig;
  private nextSessionId = 1;
  private refusedConnections = 0;
  private evictedSessions = 0;
  private lastSweepMs = 0;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly options: ResolvedOptions) {
    this.faults = options.faults;
    this.hub = new RoomHub({
      seed: options.seed,
      epochMs: options.epochMs,
      traffic: (id) => this.traffic(id),
      wallNow: () => Date.now(),
    });
    this.sessionHost = {
      seed: options.seed,
      pingIntervalMs: options.pingIntervalMs,
      maxBufferedBytes: options.maxBufferedBytes,
      wallNow: () => Date.now(),
      faultsFor: (session) => this.faultsFor(session),
      isLive: (roomId) => this.traffic(roomId).messagesPerSecond > 0,
      join: (session, roomId) => this.hub.join(session, roomId, performance.now()),
      leave: (session) => {
        const roomId = session.joinedRoom;
        if (roomId !== undefined) this.hub.leave(session, roomId);
      },
      needsFlush: (session) => this.dirty.add(session),
      corked: (session) => this.corked.push(session),
      closed: (session) => this.forget(session),
    };
  }

  get seed(): number {
    return this.options.seed;
  }

  get host(): string {
    return this.options.host;
  }

  async listen(): Promise<void> {
    for (const kind of ['ws', 'tcp'] as const) {
      for (const spec of this.options.listen[kind]) {
        this.listeners.push(
          await startListener({
            kind,
            host: this.options.host,
            port: spec.port,
            refusing: spec.refuse,
            onConnection: (transport) => this.accept(transport),
            onRefused: () => this.refusedConnections++,
          }),
        );
      }
    }
    this.timer = setInterval(() => this.tick(), this.options.tickMs);
  }

  get wsPorts(): readonly number[] {
    return this.listeners.filter((l) => l.kind === 'ws').map((l) => l.port);
  }

  get tcpPorts(): readonly number[] {
    return this.listeners.filter((l) => l.kind === 'tcp').map((l) => l.port);
  }

  wsUrl(port = this.wsPorts[0]): string {
    if (port === undefined) throw new Error('the simulator has no WebSocket port');
    const host = this.options.host.includes(':') ? `[${this.options.host}]` : this.options.host;
    return `ws://${host}:${port}/`;
  }

  setFaults(faults: FaultConfig): void {
    const problems = faultProblems(faults);
    if (problems.length > 0) throw new Error(`invalid faults:\n- ${problems.join('\n- ')}`);
    this.faults = faults;
    for (const session of this.sessions.values()) session.applyFaults();
  }

  setRefusing(port: number, refusing: boolean): void {
    const matching = this.listeners.filter((l) => l.port === port);
    if (matching.length === 0) throw new Error(`the simulator does not listen on port ${port}`);
    for (const listener of matching) listener.refusing = refusing;
  }

  dropAll(options: { reset?: boolean } = {}): number {
    const open = [...this.sessions.values()];
    for (const session of open) session.close('dropped', options.reset === true);
    return open.length;
  }

  connectionCount(): number {
    return this.sessions.size;
  }

  groundTruth(options: GroundTruthOptions = {}): GroundTruth {
    return buildGroundTruth(
      this.options.seed,
      this.hub.records(performance.now()),
      this.records.values(),
      options.cids !== false,
      {
        sessions: this.nextSessionId - 1,
        refusedConnections: this.refusedConnections,
        evictedSessions: this.evictedSessions,
      },
    );
  }

  async writeGroundTruth(path: string, options?: GroundTruthOptions): Promise<void> {
    await writeTruthFile(path, this.groundTruth(options));
  }

  async close(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    for (const session of [...this.sessions.values()]) session.close('simulator-closed', true);
    await Promise.all(this.listeners.map((listener) => listener.close()));
  }

  private accept(transport: Transport): Session {
    const session = new Session(this.nextSessionId++, transport, this.sessionHost);
    this.sessions.set(session.id, session);
    this.records.set(session.id, session.record);
    this.evictIfFull();
    return session;
  }

  private faultsFor(session: Session): FaultConfig {
    const roomId = session.record.loginRoomId;
    if (roomId === null || this.options.faultsFor === undefined) return mergeFaults(this.faults);
    if (!this.hookFaults.has(session.id)) {
      const info = {
        connectionId: session.id,
        transport: session.record.transport,
        port: session.record.port,
        roomId,
      };
      this.hookFaults.set(session.id, this.options.faultsFor(info));
    }
    return mergeFaults(this.faults, this.hookFaults.get(session.id));
  }

  private traffic(roomId: number): RoomTraffic {
    const rooms = this.options.rooms;
    if (rooms !== undefined && !rooms.has(roomId))
      return { ...this.options.traffic, messagesPerSecond: 0 };
    return { ...this.options.traffic, ...this.options.trafficFor?.(roomId) };
  }

  private tick(): void {
    const nowMs = performance.now();
    this.hub.tick(nowMs);
    const flushing = [...this.dirty];
    this.dirty.clear();
    // A split keeps its last piece for one more tick; without re-marking the session, a tail
    // such as the end of `loginres` would wait until unrelated bytes arrive.
    for (const session of flushing) if (session.flush()) this.dirty.add(session);
    const corked = this.corked;
    this.corked = [];
    for (const session of corked) session.uncork();
    if (nowMs - this.lastSweepMs >= SWEEP_EVERY_MS) {
      this.lastSweepMs = nowMs;
      const wallMs = Date.now();
      for (const session of this.sessions.values()) session.sweep(wallMs);
    }
  }

  private forget(session: Session): void {
    this.sessions.delete(session.id);
    this.hookFaults.delete(session.id);
    this.dirty.delete(session);
  }

  private evictIfFull(): void {
    if (this.records.size <= this.options.maxSessionsInTruth) return;
    for (const [id, record] of this.records) {
      if (record.closedAtMs !== null) {
        this.records.delete(id);
        this.evictedSessions++;
        return;
      }
    }
  }
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const server = new SimulatorServer(resolveOptions(options));
  try {
    await server.listen();
  } catch (error) {
    await server.close();
    throw error;
  }
  return server;
}
