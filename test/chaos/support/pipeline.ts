import { KafkaSink, type Collector } from '@danmaku/collector';
import type { GroundTruth, Simulator } from '@danmaku/simulator';
import { createTopic, kafkaClient, uniqueName, waitFor, withPg } from '../../support/index.js';

export interface Topics {
  raw: string;
  sessions: string;
}

export async function createTopics(brokers: string[], rawPartitions: number): Promise<Topics> {
  const topics = { raw: uniqueName('chaos_raw'), sessions: uniqueName('chaos_sessions') };
  await createTopic(brokers, topics.raw, rawPartitions);
  await createTopic(brokers, topics.sessions, 1);
  return topics;
}

/** Environment of a writer process (see services/writer/README.md). */
export function writerEnv(
  databaseUrl: string,
  brokers: string[],
  topics: Topics,
  groupId: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: brokers.join(','),
    KAFKA_RAW_TOPIC: topics.raw,
    KAFKA_SESSIONS_TOPIC: topics.sessions,
    WRITER_GROUP_ID: groupId,
    WRITER_MIGRATE: 'false',
    WRITER_METRICS_PORT: '-1',
    WRITER_MAX_WAIT_MS: '100',
    ...extra,
  };
}

/** Environment of a collector (services/collector/src/config-fields.ts). */
export function collectorEnv(
  sim: Simulator,
  brokers: string[],
  topics: Topics,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    DOUYU_ENDPOINTS: sim.wsPorts.map((port) => sim.wsUrl(port)).join(','),
    KAFKA_BROKERS: brokers.join(','),
    KAFKA_RAW_TOPIC: topics.raw,
    KAFKA_SESSIONS_TOPIC: topics.sessions,
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: '0',
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

/** Records in a topic now (sum of the partitions' high watermarks). */
export async function topicEnd(brokers: string[], topic: string): Promise<number> {
  const admin = kafkaClient(brokers, 'chaos-admin').admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, p) => sum + Number(p.high), 0);
  } finally {
    await admin.disconnect();
  }
}

/** Records the writer group has committed to PostgreSQL for a topic (sum of next offsets). */
export async function committed(url: string, group: string, topic: string): Promise<number> {
  return withPg(url, async (c) => {
    const r = await c.query<{ n: string | null }>(
      'SELECT sum(next_offset)::text AS n FROM ingest_offsets WHERE consumer_group = $1 AND topic = $2',
      [group, topic],
    );
    return Number(r.rows[0]?.n ?? 0);
  });
}

/** Waits until the writer has committed every record now in both topics. */
export async function waitCaughtUp(
  url: string,
  brokers: string[],
  topics: Topics,
  group: string,
  timeoutMs = 300_000,
): Promise<{ raw: number; sessions: number }> {
  const ends = {
    raw: await topicEnd(brokers, topics.raw),
    sessions: await topicEnd(brokers, topics.sessions),
  };
  await waitFor(
    async () =>
      (await committed(url, group, topics.raw)) >= ends.raw &&
      (await committed(url, group, topics.sessions)) >= ends.sessions,
    { timeoutMs, intervalMs: 250, what: `writer caught up with ${ends.raw} raw records` },
  );
  return ends;
}

/**
 * Ends the simulator's side for good: every port refuses new connections, then every open session
 * is closed after flushing what was queued. From then on the ground truth is final.
 */
/**
 * Refuses new connections and closes every session; returns the rooms' truth at that moment:
 * the rooms keep talking afterwards, and what they say then is outside the scenario.
 */
export function closeSimulatorSessions(sim: Simulator): GroundTruth['rooms'] {
  for (const port of [...sim.wsPorts, ...sim.tcpPorts]) sim.setRefusing(port, true);
  sim.dropAll();
  return sim.groundTruth({ cids: false }).rooms;
}

/** Open, logged-in server sessions. */
export function loggedInSessions(sim: Simulator): number {
  return sim
    .groundTruth({ cids: false })
    .sessions.filter((s) => s.closedAtMs === null && (s.countsByType['loginres'] ?? 0) > 0).length;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until an in-process collector holds no logged-in session. A collector paused by a full
 * sink reads nothing, close frames included, so this can take as long as its buffer takes to drain.
 */
export async function waitNoSessionJoined(
  collector: Collector,
  timeoutMs = 180_000,
): Promise<void> {
  await waitFor(() => collector.rooms.joined === 0, {
    timeoutMs,
    what: 'collector saw every session close',
  }).catch((error: unknown) => {
    const buffered = (collector.sink as { buffered?: unknown }).buffered;
    throw new Error(
      `${String(error)} (joined ${collector.rooms.joined}, paused ${collector.rooms.paused}, ` +
        `sink buffered ${JSON.stringify(buffered)})`,
    );
  });
}

/** Records the collector's Kafka sink holds, not yet acknowledged by the broker. */
export function sinkBuffered(collector: Collector): number {
  return collector.sink instanceof KafkaSink ? collector.sink.buffered.records : 0;
}

/**
 * Waits until an in-process collector reads again and its sink is nearly empty. Closing the
 * simulator's sessions while the collector is paused would let the simulator give up on the
 * close handshake and discard what it had already written to those sockets.
 */
export async function waitSinkDrained(collector: Collector, timeoutMs = 300_000): Promise<void> {
  await waitFor(() => !collector.rooms.paused && sinkBuffered(collector) < 1_000, {
    timeoutMs,
    intervalMs: 200,
    what: 'collector reading again with its sink drained',
  });
}
