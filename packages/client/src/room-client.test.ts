import { startSimulator, type Simulator } from '@danmaku/simulator';
import type { ChatMessage } from '@danmaku/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Endpoint } from './endpoints.js';
import { connectRoom } from './room-client.js';
import type { ClosedEvent } from './room-events.js';
import { nextEvent, recordEvents, until } from './room-client.test-support.js';

const ROOM = 9999;
let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: 7, traffic: { messagesPerSecond: 200, burstEveryMs: 0 } });
});
afterAll(() => sim.close());

const endpointsOf = (transport: 'ws' | 'tcp'): Endpoint[] =>
  transport === 'ws'
    ? [{ transport: 'ws', url: sim.wsUrl() }]
    : [{ transport: 'tcp', host: sim.host, port: sim.tcpPorts[0] ?? 0 }];

describe.each(['ws', 'tcp'] as const)('connection sequence over %s', (transport) => {
  it('logs in, joins -9999, heartbeats, delivers every chat in order, logs out on close', async () => {
    const client = connectRoom(ROOM, {
      endpoints: endpointsOf(transport),
      heartbeatIntervalMs: 50,
    });
    const log = recordEvents(client, ['connecting', 'connected', 'loggedIn', 'closed', 'end']);
    const chats: ChatMessage[] = [];
    const frameTypes: Array<string | undefined> = [];
    const rtts: number[] = [];
    client.on('chatmsg', (message) => chats.push(message));
    client.on('frame', (body, receivedAtMs, type) => {
      expect(Buffer.isBuffer(body)).toBe(true);
      expect(receivedAtMs).toBeGreaterThan(Date.UTC(2020, 0, 1));
      frameTypes.push(type);
    });
    client.on('heartbeatEchoed', ({ rttMs }) => rtts.push(rttMs));
    const [loggedIn] = await nextEvent(client, 'loggedIn');
    expect(loggedIn.login.type).toBe('loginres');
    expect(loggedIn.login.fields).not.toHaveProperty('ip');
    expect(client.state).toBe('loggedIn');
    await until(() => chats.length >= 30 && rtts.length >= 3, 10_000, 'chat and heartbeats');
    const simSessionId = loggedIn.login.sessionId;
    await client.close();
    expect(client.state).toBe('closed');

    expect(log.map((e) => e.name)).toEqual([
      'connecting',
      'connected',
      'loggedIn',
      'closed',
      'end',
    ]);
    const closed = log[3]?.payload as ClosedEvent;
    expect(closed).toMatchObject({ reason: 'user', willReconnect: false, roomId: ROOM });
    expect(closed.sessionId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(closed.frames).toBe(frameTypes.length);
    expect(frameTypes[0]).toBe('loginres');
    for (const rtt of rtts) expect(rtt).toBeGreaterThanOrEqual(0);

    await until(() =>
      sim
        .groundTruth()
        .sessions.some((s) => String(s.sessionId) === simSessionId && s.closedAtMs !== null),
    );
    const truth = sim.groundTruth().sessions.find((s) => String(s.sessionId) === simSessionId);
    expect(truth).toMatchObject({
      transport,
      loginRoomId: ROOM,
      roomId: ROOM,
      closeReason: 'logout',
    });
    expect(truth?.countsByType.mrkl).toBeGreaterThanOrEqual(3); // one echo per heartbeat received
    // Lossless and in order: what we got is exactly the start of what the server sent.
    const cids = chats.map((c) => c.cid);
    expect(truth?.cids.slice(0, cids.length)).toEqual(cids);
  });
});

describe('close()', () => {
  it('is idempotent: every call returns the same promise, closed and end fire once', async () => {
    const client = connectRoom(ROOM, { endpoints: endpointsOf('tcp') });
    const log = recordEvents(client, ['closed', 'end']);
    await nextEvent(client, 'loggedIn');
    const first = client.close();
    const second = client.close();
    expect(second).toBe(first);
    await first;
    await client.close();
    expect(log.map((e) => e.name)).toEqual(['closed', 'end']);
  });

  it('before the first connect attempt: no socket is ever opened', async () => {
    const before = sim.groundTruth().totals.sessions;
    const client = connectRoom(ROOM, { endpoints: endpointsOf('ws') });
    const log = recordEvents(client, ['connecting', 'end']);
    await client.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(log.map((e) => e.name)).toEqual(['end']);
    expect(sim.groundTruth().totals.sessions).toBe(before);
  });

  it('while waiting for loginres: sends logout and the server sees it', async () => {
    sim.setFaults({ loginDelayMs: 5_000 });
    try {
      const client = connectRoom(ROOM, { endpoints: endpointsOf('tcp'), loginTimeoutMs: 10_000 });
      const [connected] = await nextEvent(client, 'connected');
      expect(client.state).toBe('loggingIn');
      await until(
        () =>
          sim.connectionCount() > 0 &&
          sim.groundTruth().sessions.some((s) => s.loginRoomId === ROOM && s.closedAtMs === null),
      );
      await client.close();
      await until(() => sim.connectionCount() === 0, 5_000, 'server saw the close');
      const last = sim.groundTruth().sessions.at(-1);
      expect(last?.closeReason).toBe('logout');
      expect(connected.sessionId).toBeTypeOf('string');
    } finally {
      sim.setFaults({});
    }
  });

  it('ends every message iterator after the buffered messages', async () => {
    const client = connectRoom(ROOM, { endpoints: endpointsOf('ws') });
    const iterator = client.messages({ types: ['chatmsg'] });
    const received: (string | null)[] = [];
    await until(() => client.state === 'loggedIn');
    const consumer = (async () => {
      for await (const message of iterator) {
        received.push(message.cid);
        if (received.length === 5) void client.close();
      }
    })();
    await consumer;
    expect(received.length).toBeGreaterThanOrEqual(5);
    expect(client.state).toBe('closed');
    expect(await client.messages().next()).toEqual({ value: undefined, done: true });
  });
});
