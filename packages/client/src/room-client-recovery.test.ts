import { startSimulator, type Simulator } from '@danmaku/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exponentialBackoff } from './backoff.js';
import { describeEndpoint, type Endpoint } from './endpoints.js';
import { connectRoom } from './room-client.js';
import type { ClosedEvent, ConnectingEvent, ReconnectScheduledEvent } from './room-events.js';
import {
  closedPort,
  nextEvent,
  recordEvents,
  startBlackHole,
  until,
} from './room-client.test-support.js';

const ROOM = 4321;
let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({
    seed: 3,
    listen: { ws: [0, { port: 0, refuse: true }], tcp: [0, { port: 0, refuse: true }] },
    traffic: { messagesPerSecond: 100, burstEveryMs: 0 },
  });
});
afterAll(() => sim.close());

const tcp = (port: number): Endpoint => ({ transport: 'tcp', host: '127.0.0.1', port });
const ws = (port: number): Endpoint => ({ transport: 'ws', url: sim.wsUrl(port) });

describe('endpoint rotation', () => {
  it('moves past refused and resetting ports, in list order, wrapping around', async () => {
    const [goodWs, refusingWs] = sim.wsPorts as [number, number];
    const [goodTcp, refusingTcp] = sim.tcpPorts as [number, number];
    const endpoints = [
      tcp(await closedPort()),
      ws(refusingWs),
      tcp(refusingTcp),
      ws(goodWs),
      tcp(goodTcp),
    ];
    const client = connectRoom(ROOM, { endpoints, reconnectPolicy: () => 5 });
    const log = recordEvents(client, ['connecting', 'closed', 'reconnectScheduled']);
    await nextEvent(client, 'loggedIn');
    const tried = log
      .filter((e) => e.name === 'connecting')
      .map((e) => (e.payload as ConnectingEvent).endpoint);
    expect(tried.map(describeEndpoint)).toEqual(endpoints.slice(0, 4).map(describeEndpoint));
    const failures = log
      .filter((e) => e.name === 'connecting')
      .map((e) => (e.payload as ConnectingEvent).consecutiveFailures);
    expect(failures).toEqual([0, 1, 2, 3]);
    const reasons = log
      .filter((e) => e.name === 'closed')
      .map((e) => (e.payload as ClosedEvent).reason);
    expect(reasons[0]).toBe('connect-failed'); // ECONNREFUSED
    expect(reasons).toHaveLength(3);
    for (const reason of reasons)
      expect(['connect-failed', 'socket-error', 'remote-closed']).toContain(reason);

    await nextEvent(client, 'chatmsg');
    const next = nextEvent(client, 'connecting');
    expect(sim.dropAll()).toBeGreaterThan(0);
    const [afterDrop] = await next;
    expect(describeEndpoint(afterDrop.endpoint)).toBe(describeEndpoint(endpoints[4] as Endpoint));
    expect(afterDrop.consecutiveFailures).toBe(1); // the healthy connection reset the count
    await nextEvent(client, 'loggedIn');
    await client.close();
  });
});

describe('backoff', () => {
  it('keeps every delay within the full-jitter bounds and waits at least that long', async () => {
    const policy = exponentialBackoff({ baseMs: 10, capMs: 80 });
    const client = connectRoom(ROOM, {
      endpoints: [tcp(await closedPort())],
      reconnectPolicy: policy,
    });
    const scheduled: Array<ReconnectScheduledEvent & { at: number }> = [];
    const connectingAt: number[] = [];
    client.on('reconnectScheduled', (event) => scheduled.push({ ...event, at: performance.now() }));
    client.on('connecting', () => connectingAt.push(performance.now()));
    await until(() => scheduled.length >= 8, 10_000, '8 reconnects');
    await client.close();
    scheduled.forEach((event, i) => {
      expect(event.attempt).toBe(i);
      expect(event.reason).toBe('connect-failed');
      expect(event.delayMs).toBeGreaterThanOrEqual(0);
      expect(event.delayMs).toBeLessThan(Math.min(80, 10 * 2 ** i));
      const reconnectedAt = connectingAt[i + 1];
      if (reconnectedAt !== undefined)
        expect(reconnectedAt - event.at).toBeGreaterThanOrEqual(event.delayMs - 1);
    });
  });

  it('stops when the policy returns null, ending the client', async () => {
    const client = connectRoom(ROOM, {
      endpoints: [tcp(await closedPort())],
      reconnectPolicy: (attempt) => (attempt < 2 ? 1 : null),
    });
    const log = recordEvents(client, ['connecting', 'closed', 'end']);
    await nextEvent(client, 'end');
    expect(log.map((e) => e.name)).toEqual([
      'connecting',
      'closed',
      'connecting',
      'closed',
      'connecting',
      'closed',
      'end',
    ]);
    expect((log[5]?.payload as ClosedEvent).willReconnect).toBe(false);
    expect(client.state).toBe('closed');
    await client.close();
  });
});

describe('close() at awkward moments', () => {
  it('during connect: the half-open socket is dropped, nothing reconnects', async () => {
    const hole = await startBlackHole();
    try {
      const client = connectRoom(ROOM, {
        endpoints: [{ transport: 'ws', url: `ws://127.0.0.1:${hole.port}/` }],
      });
      const log = recordEvents(client, [
        'connecting',
        'connected',
        'closed',
        'reconnectScheduled',
        'end',
      ]);
      await nextEvent(client, 'connecting');
      await until(() => hole.sockets.size === 1, 5_000, 'socket accepted');
      expect(client.state).toBe('connecting');
      await client.close();
      await until(() => hole.sockets.size === 0, 5_000, 'socket closed');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(log.map((e) => e.name)).toEqual(['connecting', 'closed', 'end']);
      expect(log[1]?.payload).toMatchObject({ reason: 'user', frames: 0, openedAtMs: undefined });
    } finally {
      await hole.close();
    }
  });

  it('a stuck WebSocket handshake times out after connectTimeoutMs and is retried', async () => {
    const hole = await startBlackHole();
    try {
      const client = connectRoom(ROOM, {
        endpoints: [{ transport: 'ws', url: `ws://127.0.0.1:${hole.port}/` }],
        connectTimeoutMs: 100,
        reconnectPolicy: () => 1,
      });
      const log = recordEvents(client, ['connecting', 'closed']);
      await until(() => log.length >= 3, 5_000, 'timeout and retry');
      await client.close();
      expect(log.slice(0, 3).map((e) => e.name)).toEqual(['connecting', 'closed', 'connecting']);
      expect(log[1]?.payload).toMatchObject({ reason: 'connect-timeout', willReconnect: true });
    } finally {
      await hole.close();
    }
  });

  it('during backoff: the timer is cancelled and close() resolves at once', async () => {
    const client = connectRoom(ROOM, {
      endpoints: [tcp(await closedPort())],
      reconnectPolicy: () => 60_000,
    });
    const log = recordEvents(client, ['connecting', 'end']);
    await nextEvent(client, 'reconnectScheduled');
    expect(client.state).toBe('backoff');
    const started = performance.now();
    await client.close();
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(log.map((e) => e.name)).toEqual(['connecting', 'end']);
    expect(client.state).toBe('closed');
  });
});
