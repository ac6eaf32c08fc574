import {
  MALFORMED_KINDS,
  startSimulator,
  type MalformedKind,
  type Simulator,
} from '@danmaku/simulator';
import { ProtocolError, type ChatMessage, type ProtocolErrorCode } from '@danmaku/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Endpoint } from './endpoints.js';
import { connectRoom, type RoomClient } from './room-client.js';
import type { RoomClientOptions } from './options.js';
import type { ClosedEvent } from './room-events.js';
import { nextEvent, until } from './room-client.test-support.js';

let sim: Simulator;
const FAST: RoomClientOptions = { reconnectPolicy: () => 10, heartbeatIntervalMs: 100 };

beforeAll(async () => {
  sim = await startSimulator({
    seed: 11,
    traffic: { messagesPerSecond: 300, burstEveryMs: 0 },
    // Faults per room, and only on a room's first connection, so that the reconnect is clean.
    faultsFor: ({ roomId }) => faultsOfRoom.get(roomId)?.shift(),
  });
});
afterAll(() => sim.close());

const faultsOfRoom = new Map<number, Array<Parameters<Simulator['setFaults']>[0]>>();
let nextRoom = 100;
function roomWithFaults(...connections: Array<Parameters<Simulator['setFaults']>[0]>): number {
  nextRoom += 1;
  faultsOfRoom.set(nextRoom, connections);
  return nextRoom;
}

const endpointsOf = (transport: 'ws' | 'tcp'): Endpoint[] =>
  transport === 'ws'
    ? [{ transport: 'ws', url: sim.wsUrl() }]
    : [{ transport: 'tcp', host: sim.host, port: sim.tcpPorts[0] ?? 0 }];

const EXPECTED_CODE: Record<MalformedKind, ProtocolErrorCode> = {
  'bad-length': 'FRAME_TOO_SHORT',
  'length-mismatch': 'LENGTH_MISMATCH',
  'unknown-type': 'UNKNOWN_FRAME_TYPE',
  oversize: 'FRAME_TOO_LARGE',
  'missing-terminator': 'MISSING_TERMINATOR',
};

function closes(client: RoomClient): ClosedEvent[] {
  const list: ClosedEvent[] = [];
  client.on('closed', (event) => list.push(event));
  return list;
}

describe.each(['ws', 'tcp'] as const)('faults over %s', (transport) => {
  it('frames split into 1..7-byte pieces and coalesced 8 at a time arrive whole and in order', async () => {
    const room = roomWithFaults({ split: { maxPieceBytes: 7 }, coalesce: { maxFrames: 8 } });
    const client = connectRoom(room, { ...FAST, endpoints: endpointsOf(transport) });
    const ended = closes(client);
    const chats: ChatMessage[] = [];
    client.on('chatmsg', (message) => chats.push(message));
    const [loggedIn] = await nextEvent(client, 'loggedIn');
    await until(() => chats.length >= 60, 10_000, '60 chats');
    await client.close();
    expect(ended.map((e) => e.reason)).toEqual(['user']);
    const truth = sim
      .groundTruth()
      .sessions.find((s) => String(s.sessionId) === loggedIn.login.sessionId);
    expect(truth?.faults.split).toEqual({ maxPieceBytes: 7 });
    expect(truth?.cids.slice(0, chats.length)).toEqual(chats.map((c) => c.cid));
  });

  it.each(MALFORMED_KINDS)(
    'a malformed frame (%s) resets only this connection, which reconnects',
    async (kind) => {
      const bystander = connectRoom(roomWithFaults(), {
        ...FAST,
        endpoints: endpointsOf(transport),
      });
      const bystanderCloses = closes(bystander);
      await nextEvent(bystander, 'loggedIn');
      const room = roomWithFaults({ malformed: { kind, afterMessages: 5 } });
      const client = connectRoom(room, { ...FAST, endpoints: endpointsOf(transport) });
      const ended = closes(client);
      const [first] = await nextEvent(client, 'closed');
      expect(first.reason).toBe('protocol-error');
      expect(first.error).toBeInstanceOf(ProtocolError);
      expect((first.error as ProtocolError).code).toBe(EXPECTED_CODE[kind]);
      expect(first.willReconnect).toBe(true);
      await bystander.close();
      expect(bystanderCloses.map((e) => e.reason)).toEqual(['user']);
      const [again] = await nextEvent(client, 'loggedIn');
      expect(again.sessionId).not.toBe(first.sessionId);
      await nextEvent(client, 'chatmsg');
      await client.close();
      expect(ended.map((e) => e.reason)).toEqual(['protocol-error', 'user']);
    },
  );

  it('heartbeat silence: nothing received for deadAfterMs means a dead socket, then a reconnect', async () => {
    const room = roomWithFaults({ silenceAfterMessages: 10, noHeartbeatEcho: true });
    const client = connectRoom(room, {
      ...FAST,
      heartbeatIntervalMs: 50,
      deadAfterMs: 300,
      endpoints: endpointsOf(transport),
    });
    let lastFrameAt = 0;
    client.on('frame', () => (lastFrameAt = performance.now()));
    const [dead] = await nextEvent(client, 'closed');
    const silentMs = performance.now() - lastFrameAt;
    expect(dead.reason).toBe('dead-socket');
    expect(silentMs).toBeGreaterThanOrEqual(295);
    await nextEvent(client, 'loggedIn');
    await nextEvent(client, 'heartbeatEchoed');
    await client.close();
  });

  it('a delayed loginres within loginTimeoutMs is waited for', async () => {
    const room = roomWithFaults({ loginDelayMs: 300 });
    const client = connectRoom(room, {
      ...FAST,
      loginTimeoutMs: 3_000,
      endpoints: endpointsOf(transport),
    });
    const ended = closes(client);
    const started = performance.now();
    await nextEvent(client, 'loggedIn');
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    await nextEvent(client, 'chatmsg');
    await client.close();
    expect(ended.map((e) => e.reason)).toEqual(['user']);
  });

  it('a loginres later than loginTimeoutMs (or none) drops the connection and retries', async () => {
    const room = roomWithFaults({ loginDelayMs: 5_000 }, { noLoginRes: true });
    const client = connectRoom(room, {
      ...FAST,
      loginTimeoutMs: 200,
      endpoints: endpointsOf(transport),
    });
    const ended = closes(client);
    await nextEvent(client, 'loggedIn');
    await client.close();
    expect(ended.map((e) => e.reason)).toEqual(['login-timeout', 'login-timeout', 'user']);
  });

  it('type@=error closes and reconnects, after delivering the error message', async () => {
    const room = roomWithFaults({ error: { code: 51, afterMessages: 3 } });
    const client = connectRoom(room, { ...FAST, endpoints: endpointsOf(transport) });
    const codes: (number | null)[] = [];
    client.on('error', (message) => codes.push(message.code));
    const [closed] = await nextEvent(client, 'closed');
    expect(closed).toMatchObject({
      reason: 'server-error',
      serverErrorCode: 51,
      willReconnect: true,
    });
    expect(codes).toEqual([51]);
    await nextEvent(client, 'loggedIn');
    await client.close();
  });

  it('a server-side drop is a reconnect with attempt 0 once the connection had been healthy', async () => {
    const room = roomWithFaults({ closeAfterMessages: 20 });
    const client = connectRoom(room, { ...FAST, endpoints: endpointsOf(transport) });
    await nextEvent(client, 'loggedIn');
    const closedNext = nextEvent(client, 'closed');
    const scheduledNext = nextEvent(client, 'reconnectScheduled');
    const connectingNext = nextEvent(client, 'connecting');
    const [closed] = await closedNext;
    expect(closed).toMatchObject({ reason: 'remote-closed', willReconnect: true });
    expect(closed.frames).toBeGreaterThan(20);
    const [scheduled] = await scheduledNext;
    expect(scheduled).toMatchObject({ attempt: 0, reason: 'remote-closed', delayMs: 10 });
    const [connecting] = await connectingNext;
    expect(connecting.consecutiveFailures).toBe(1);
    await nextEvent(client, 'loggedIn');
    await client.close();
  });
});
