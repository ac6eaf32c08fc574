import { parseStt } from '@danmaku/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startSimulator, type Simulator } from './simulator.js';
import {
  closeAll,
  expectMatchesTruth,
  join,
  sessionOfRoom,
  sleep,
  streamCount,
  TRANSPORTS,
} from './test-support.js';

describe('simulator protocol', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({
      seed: 3,
      listen: { ws: [0, 0], tcp: [0] },
      rooms: [...Array.from({ length: 50 }, (_, i) => 100 + i), 900, 901, 902],
      traffic: { messagesPerSecond: 100, burstEveryMs: 0 },
      pingIntervalMs: 300,
    });
  });
  afterAll(async () => sim.close());

  it('listens on every requested port, with a ws:// URL at path "/"', () => {
    expect(sim.wsPorts).toHaveLength(2);
    expect(sim.tcpPorts).toHaveLength(1);
    expect(sim.wsUrl()).toBe(`ws://127.0.0.1:${sim.wsPorts[0]}/`);
  });

  it.each(TRANSPORTS)(
    '%s: loginreq gets a loginres with a documentation IP, then a pingreq',
    async (transport) => {
      const roomId = transport === 'ws' ? 100 : 101;
      const client = await join(sim, transport, roomId, { keepBodies: true, autoJoin: false });
      client.send(`type@=loginreq/roomid@=${roomId}/`);
      await client.waitFor((c) => c.countsByType.pingreq === 1);
      const login = parseStt(client.bodies[0] ?? '');
      expect(login.type).toBe('loginres');
      expect(login.ip).toMatch(/^192\.0\.2\.\d{1,3}$/);
      expect(login.live_stat).toBe('1');
      expect(Number(login.sessionid)).toBe(client.sessionId);
      expect(parseStt(client.bodies[1] ?? '').tick).toMatch(/^\d{13}$/);
      await sleep(200);
      expect(streamCount(client)).toBe(0); // no joingroup yet
      await client.close();
    },
  );

  it.each(TRANSPORTS)(
    '%s: echoes mrkl, pings periodically, and logout closes',
    async (transport) => {
      const roomId = transport === 'ws' ? 102 : 103;
      const client = await join(sim, transport, roomId);
      client.send('type@=mrkl/');
      client.send('type@=mrkl/');
      await client.waitFor(
        (c) => c.countsByType.mrkl === 2 && (c.countsByType.pingreq ?? 0) >= 2,
        5_000,
      );
      await client.logout();
      await sleep(50);
      const truth = sessionOfRoom(sim, roomId);
      expect(truth.closeReason).toBe('logout');
      expectMatchesTruth(client, truth);
    },
  );

  it('sends a room only to the clients that joined it', async () => {
    const a = await join(sim, 'ws', 104, { keepBodies: true });
    const b = await join(sim, 'tcp', 105, { keepBodies: true });
    const loginOnly = await join(sim, 'ws', 106, { autoJoin: false });
    loginOnly.send('type@=loginreq/roomid@=106/');
    await a.waitFor((c) => c.cids.length >= 10);
    await b.waitFor((c) => c.cids.length >= 10);
    const chatRooms = (bodies: string[]) =>
      new Set(
        bodies
          .map((body) => parseStt(body))
          .filter((f) => f.type === 'chatmsg')
          .map((f) => f.rid),
      );
    expect(chatRooms(a.bodies)).toEqual(new Set(['104']));
    expect(chatRooms(b.bodies)).toEqual(new Set(['105']));
    expect(streamCount(loginOnly)).toBe(0);
    await closeAll(sim, [a, b, loginOnly]);
    expectMatchesTruth(a, sessionOfRoom(sim, 104));
    expectMatchesTruth(b, sessionOfRoom(sim, 105));
  });

  it('two clients of one room receive the same messages while both are joined', async () => {
    const first = await join(sim, 'ws', 107, { keepBodies: true });
    const second = await join(sim, 'tcp', 107, { keepBodies: true });
    await second.waitFor((c) => c.cids.length >= 5);
    await closeAll(sim, [first, second]);
    const stream = (bodies: string[]) =>
      bodies.filter((b) => !/^type@=(loginres|pingreq)\//.test(b));
    const shared = stream(second.bodies);
    const firstStream = stream(first.bodies);
    const start = firstStream.indexOf(shared[0] ?? '');
    expect(start).toBeGreaterThanOrEqual(0);
    expect(firstStream.slice(start, start + shared.length)).toEqual(shared);
  });

  it('keeps rooms outside `rooms` quiet, with live_stat 0', async () => {
    const quiet = await join(sim, 'ws', 5555, { keepBodies: true });
    await quiet.waitFor((c) => c.countsByType.loginres === 1);
    await sleep(300);
    expect(parseStt(quiet.bodies[0] ?? '').live_stat).toBe('0');
    expect(streamCount(quiet)).toBe(0);
    await quiet.close();
  });

  it('serves the second WebSocket port too, and answers other paths with 404', async () => {
    const client = await join(sim, 'ws', 108, { port: sim.wsPorts[1] as number });
    await client.waitFor((c) => streamCount(c) > 3);
    await client.close();
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${sim.wsPorts[0]}/other`);
      ws.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      ws.on('error', () => resolve(-1));
    });
    expect(status).toBe(404);
  });

  it('closes a client that sends a corrupt frame', async () => {
    const client = await join(sim, 'tcp', 109);
    await client.waitFor((c) => c.countsByType.loginres === 1);
    client.sendRaw(Buffer.from([1, 0, 0, 0, 1, 0, 0, 0, 0xb1, 0x02, 0, 0]));
    await client.closed;
    await sleep(50);
    expect(sessionOfRoom(sim, 109).closeReason).toBe('client-protocol-error');
  });
});
