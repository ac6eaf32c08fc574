import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import {
  boundedLabel,
  DROP_REASONS,
  KNOWN_MESSAGE_TYPES,
  PROTOCOL_ERROR_CODES,
  RECONNECT_REASONS,
} from './metric-labels.js';

export interface CollectorMetricsOptions {
  registry?: Registry;
  /** Rooms that get per-room series; everything else is aggregated only. */
  roomAllowlist?: readonly number[];
}

export interface LastMessageAges {
  /** Largest age over held rooms, seconds (0 when none). */
  maxSeconds: number;
  /** Age for a room, or undefined when the room is not held or has had no message. */
  forRoom(room: number): number | undefined;
}

const P = 'danmaku_collector_';
const SECONDS_FAST = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const SECONDS_SLOW = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/**
 * Every collector metric, one registry per process, labels bounded by construction. Process
 * metrics and build info are the HTTP server's (@danmaku/runtime processMetrics), not these.
 */
export function createCollectorMetrics(options: CollectorMetricsOptions = {}) {
  const registry = options.registry ?? new Registry();
  const allow = new Set(options.roomAllowlist ?? []);
  const registers = [registry];
  let ages: () => LastMessageAges = () => ({ maxSeconds: 0, forRoom: () => undefined });

  const m = {
    registry,
    roomsActive: new Gauge({
      name: `${P}rooms_active`,
      help: 'Rooms this collector holds',
      registers,
    }),
    roomsJoined: new Gauge({
      name: `${P}rooms_joined`,
      help: 'Held rooms whose socket is logged in',
      registers,
    }),
    messages: new Counter({
      name: `${P}messages_received_total`,
      help: 'Bodies received, by Douyu type (known types + other)',
      labelNames: ['type'] as const,
      registers,
    }),
    bytes: new Counter({
      name: `${P}received_bytes_total`,
      help: 'Body bytes received',
      registers,
    }),
    reconnects: new Counter({
      name: `${P}reconnects_total`,
      help: 'Reconnects scheduled, by reason',
      labelNames: ['reason'] as const,
      registers,
    }),
    connects: new Counter({
      name: `${P}connects_total`,
      help: 'Connect attempts that passed the rate limiter',
      registers,
    }),
    connectWait: new Histogram({
      name: `${P}connect_wait_seconds`,
      help: 'Time a connect waited for the process-wide rate limit',
      buckets: SECONDS_SLOW,
      registers,
    }),
    heartbeatRtt: new Histogram({
      name: `${P}heartbeat_rtt_seconds`,
      help: 'mrkl sent to mrkl echoed',
      buckets: SECONDS_FAST,
      registers,
    }),
    heartbeatLateness: new Histogram({
      name: `${P}heartbeat_lateness_seconds`,
      help: 'Heartbeat timer fired minus scheduled (event-loop saturation)',
      buckets: SECONDS_FAST,
      registers,
    }),
    protocolErrors: new Counter({
      name: `${P}protocol_errors_total`,
      help: 'Connections reset for a protocol error, by code',
      labelNames: ['code'] as const,
      registers,
    }),
    sessionEvents: new Counter({
      name: `${P}session_events_total`,
      help: 'Collect-session lifecycle events',
      labelNames: ['event'] as const,
      registers,
    }),
    sendSeconds: new Histogram({
      name: `${P}kafka_send_seconds`,
      help: 'Duration of one producer send (a batch)',
      buckets: SECONDS_SLOW,
      registers,
    }),
    sendErrors: new Counter({
      name: `${P}kafka_send_errors_total`,
      help: 'Producer sends that failed and were retried',
      registers,
    }),
    recordsSent: new Counter({
      name: `${P}records_sent_total`,
      help: 'Records acknowledged by the sink',
      registers,
    }),
    recordsBuffered: new Gauge({
      name: `${P}records_buffered`,
      help: 'Records accepted and not yet acknowledged',
      registers,
    }),
    bufferedBytes: new Gauge({
      name: `${P}buffered_bytes`,
      help: 'Value bytes accepted and not yet acknowledged',
      registers,
    }),
    recordsDropped: new Counter({
      name: `${P}records_dropped_total`,
      help: 'Records dropped, by reason (never silent: each drop is also logged)',
      labelNames: ['reason'] as const,
      registers,
    }),
    backpressure: new Gauge({
      name: `${P}backpressure`,
      help: '1 while the sink is full and sockets are paused',
      registers,
    }),
    backpressureEvents: new Counter({
      name: `${P}backpressure_events_total`,
      help: 'Times the sink filled up',
      registers,
    }),
    jobsActive: new Gauge({
      name: `${P}jobs_active`,
      help: 'BullMQ room jobs running here, by kind',
      labelNames: ['kind'] as const,
      registers,
    }),
    // Labelled by replica index (0…MAX_ROOM_REPLICAS-1), never by room: summed over collectors
    // it is the replicas held per index; `danmaku status` shows them per room.
    roomReplicas: new Gauge({
      name: `${P}room_replicas`,
      help: 'Rooms held here as replica N of a replicated room (ROOM_REPLICAS), by replica',
      labelNames: ['replica'] as const,
      registers,
    }),
    replicaHandbacks: new Counter({
      name: `${P}replica_handbacks_total`,
      help: 'Replica jobs handed back because this collector already holds another replica',
      registers,
    }),
    roomMessages: new Counter({
      name: `${P}room_messages_received_total`,
      help: 'Bodies received, allowlisted rooms only',
      labelNames: ['room'] as const,
      registers,
    }),
    lastMessageAge: new Gauge({
      name: `${P}last_message_age_seconds`,
      help: 'Largest time since the last body over held rooms',
      registers,
      collect() {
        this.set(ages().maxSeconds);
      },
    }),
    roomLastMessageAge: new Gauge({
      name: `${P}room_last_message_age_seconds`,
      help: 'Time since the last body, allowlisted rooms only',
      labelNames: ['room'] as const,
      registers,
      collect() {
        this.reset();
        const current = ages();
        for (const room of allow) {
          const age = current.forRoom(room);
          if (age !== undefined) this.set({ room: String(room) }, age);
        }
      },
    }),
  };

  // Every reason exists at 0 from the start: increase() cannot see a series' first sample as an
  // increase, so without this the first drop of a reason would never fire the alert.
  for (const reason of DROP_REASONS) m.recordsDropped.inc({ reason }, 0);

  return {
    ...m,
    /** Counts one received body under bounded labels. */
    countMessage(room: number, type: string, bytes: number): void {
      m.messages.inc({ type: boundedLabel(type, KNOWN_MESSAGE_TYPES) });
      m.bytes.inc(bytes);
      if (allow.has(room)) m.roomMessages.inc({ room: String(room) });
    },
    countReconnect(reason: string): void {
      m.reconnects.inc({ reason: boundedLabel(reason, RECONNECT_REASONS) });
    },
    countProtocolError(code: string): void {
      m.protocolErrors.inc({ code: boundedLabel(code, PROTOCOL_ERROR_CODES) });
    },
    setLastMessageAges(provider: () => LastMessageAges): void {
      ages = provider;
    },
  };
}

export type CollectorMetrics = ReturnType<typeof createCollectorMetrics>;
