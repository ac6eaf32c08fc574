// 1,000 rooms in one collector over TCP; the simulator drops every connection at once and the
// rooms come back no faster than the process-wide connect limit allows.
import { loadCollectorConfig, startCollector, type Collector } from '@danmaku/collector';
import type { RawRecord, RecordSink, SessionEvent } from '@danmaku/records';
import { createSocketFactory, type SocketFactory } from '@danmaku/client';
import { startSimulator, type Simulator } from '@danmaku/simulator';
import { afterAll, expect, it } from 'vitest';
import { describeWithServices, waitFor } from './support/index.js';

const ROOMS = Array.from({ length: 1_000 }, (_, i) => 20_001 + i);
const RATE_PER_SEC = 200;

/** The embedded-mode shape of a sink: an in-process array. */
function arraySink(): RecordSink & { records: RawRecord[]; sessions: SessionEvent[] } {
  const records: RawRecord[] = [];
  const sessions: SessionEvent[] = [];
  return {
    records,
    sessions,
    send: (record) => {
      records.push(record);
    },
    sendSession: (event) => {
      sessions.push(event);
    },
    close: () => Promise.resolve(),
  };
}

/** The real transports, noting when each socket is really opened. */
function recordingSocketFactory(opened: number[]): SocketFactory {
  const inner = createSocketFactory();
  return {
    connect(endpoint) {
      opened.push(Date.now());
      return inner.connect(endpoint);
    },
  };
}

/** Most events in any window of `windowMs`. */
function maxInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while ((sorted[i] ?? 0) - (sorted[j] ?? 0) >= windowMs) j++;
    max = Math.max(max, i - j + 1);
  }
  return max;
}

// No external service: the simulator is in-process and the sink is an array.
describeWithServices([], 'collector: mass reconnect of 1,000 rooms', () => {
  let sim: Simulator | undefined;
  let collector: Collector | undefined;

  afterAll(async () => {
    await collector?.close();
    await sim?.close();
  });

  it('holds 1,000 rooms and reconnects them within the connect rate limit', async () => {
    sim = await startSimulator({
      seed: 3,
      listen: { ws: [], tcp: [0] },
      traffic: { messagesPerSecond: 0.2, burstEveryMs: 0 },
      pingIntervalMs: 60_000,
    });
    const sink = arraySink();
    const config = loadCollectorConfig({
      COLLECTOR_ID: 'reconnect',
      ROOMS: ROOMS.join(','),
      DOUYU_TRANSPORT: 'tcp',
      DOUYU_ENDPOINTS: `127.0.0.1:${sim.tcpPorts[0] ?? 0}`,
      CONNECT_RATE_PER_SEC: String(RATE_PER_SEC),
      RECONNECT_BUDGET_PER_MIN: String(RATE_PER_SEC * 60),
      LOG_LEVEL: 'error',
    });
    const opened: number[] = [];
    collector = await startCollector(config, {
      sink,
      http: false,
      socketFactory: recordingSocketFactory(opened),
    });
    const joined = (): boolean => collector?.rooms.joined === ROOMS.length;
    await waitFor(joined, { timeoutMs: 60_000, what: '1,000 rooms logged in' });
    expect(collector.rooms.size).toBe(ROOMS.length);
    const firstWave = opened.splice(0);
    expect(sim.groundTruth({ cids: false }).sessions).toHaveLength(ROOMS.length);

    const droppedAt = Date.now();
    expect(sim.dropAll({ reset: true })).toBe(ROOMS.length);
    const accepted = (): number[] =>
      (sim?.groundTruth({ cids: false }).sessions ?? [])
        .filter((s) => s.connectedAtMs >= droppedAt)
        .map((s) => s.connectedAtMs);
    await waitFor(() => accepted().length >= ROOMS.length && joined(), {
      timeoutMs: 60_000,
      what: '1,000 rooms back after the drop',
    });
    const secondWave = opened.splice(0);

    // In any one second at most rate + burst sockets open (the gate's burst is rate / 20).
    const ceiling = RATE_PER_SEC + RATE_PER_SEC / 20 + 1;
    for (const wave of [firstWave, secondWave]) {
      expect(wave.length).toBeGreaterThanOrEqual(ROOMS.length);
      expect(maxInWindow(wave, 1_000)).toBeLessThanOrEqual(ceiling);
    }
    // Unlimited, 1,000 sockets would be back in well under a second; the server saw them
    // arrive over at least (1,000 / rate - 1) seconds.
    const serverSide = accepted();
    expect(Math.max(...serverSide) - Math.min(...serverSide)).toBeGreaterThan(
      (ROOMS.length / RATE_PER_SEC - 1) * 1_000,
    );
    const reconnects = sink.sessions.filter(
      (e) => e.event === 'closed' && (e.reason === 'remote-closed' || e.reason === 'socket-error'),
    );
    expect(reconnects.length).toBeGreaterThanOrEqual(ROOMS.length);
    const scrape = await collector.metrics.registry.metrics();
    expect(scrape).toMatch(/danmaku_collector_rooms_joined 1000\b/);
    expect(scrape).toMatch(/danmaku_collector_rooms_active 1000\b/);
  }, 150_000);
});
