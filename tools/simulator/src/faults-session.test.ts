import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionInfo, SimulatorOptions } from './options.js';
import { RawClient } from './raw-client.js';
import { startSimulator, type Simulator } from './simulator.js';
import {
  closeAll,
  expectMatchesTruth,
  join,
  portOf,
  sessionOfRoom,
  sleep,
  streamCount,
  TRANSPORTS,
} from './test-support.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function start(options: SimulatorOptions): Promise<Simulator> {
  sim = await startSimulator({
    seed: 5,
    traffic: { messagesPerSecond: 100, burstEveryMs: 0 },
    ...options,
  });
  return sim;
}

describe('close and silence faults', () => {
  it.each(TRANSPORTS)(
    '%s: closeAfterMessages closes right after the Nth stream message',
    async (transport) => {
      const s = await start({ faults: { closeAfterMessages: 25, split: true } });
      const client = await join(s, transport, 1);
      await client.closed;
      expect(streamCount(client)).toBe(25);
      const truth = sessionOfRoom(s, 1);
      expect(truth.closeReason).toBe('close-after-messages');
      expectMatchesTruth(client, truth);
    },
  );

  it('closeAfterMs closes that long after the connection was accepted', async () => {
    const s = await start({ faults: { closeAfterMs: 400 } });
    const started = Date.now();
    const client = await join(s, 'ws', 2);
    await client.closed;
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(sessionOfRoom(s, 2).closeReason).toBe('close-after-ms');
    expectMatchesTruth(client, sessionOfRoom(s, 2));
  });

  it('silenceAfterMessages keeps the socket open but sends nothing more, not even echoes', async () => {
    const s = await start({ faults: { silenceAfterMessages: 10 } });
    const client = await join(s, 'tcp', 3);
    await client.waitFor((c) => streamCount(c) === 10);
    client.send('type@=mrkl/');
    await sleep(400);
    expect(streamCount(client)).toBe(10);
    expect(client.countsByType.mrkl).toBeUndefined();
    expect(client.isClosed).toBe(false);
    await closeAll(s, [client]);
    expectMatchesTruth(client, sessionOfRoom(s, 3));
  });

  it('noHeartbeatEcho leaves mrkl unanswered while the stream goes on', async () => {
    const s = await start({ faults: { noHeartbeatEcho: true } });
    const client = await join(s, 'ws', 4, { heartbeatMs: 50 });
    await client.waitFor((c) => streamCount(c) >= 50);
    await closeAll(s, [client]);
    expect(client.countsByType.mrkl).toBeUndefined();
    expectMatchesTruth(client, sessionOfRoom(s, 4));
  });
});

describe('login faults', () => {
  it('loginDelayMs delays loginres and the stream behind it', async () => {
    const s = await start({ faults: { loginDelayMs: 500 } });
    const started = Date.now();
    const client = await join(s, 'tcp', 5);
    await client.waitFor((c) => c.countsByType.loginres === 1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    expect(streamCount(client)).toBe(0);
    await client.waitFor((c) => streamCount(c) > 5);
    await closeAll(s, [client]);
    expectMatchesTruth(client, sessionOfRoom(s, 5));
  });

  it('noLoginRes never answers loginreq, but joingroup still starts the stream', async () => {
    const s = await start({ faults: { noLoginRes: true } });
    const client = await join(s, 'ws', 6);
    await client.waitFor((c) => streamCount(c) > 5);
    await closeAll(s, [client]);
    expect(client.countsByType.loginres).toBeUndefined();
    expectMatchesTruth(client, sessionOfRoom(s, 6));
  });
});

describe('refused ports', () => {
  it('resets every connection on a refusing port, on either transport', async () => {
    const s = await start({
      listen: { ws: [0, { port: 0, refuse: true }], tcp: [{ port: 0, refuse: true }] },
    });
    await expect(
      RawClient.connect({ transport: 'ws', port: s.wsPorts[1] as number, roomId: 7 }),
    ).rejects.toThrow();
    const tcp = await RawClient.connect({
      transport: 'tcp',
      port: portOf(s, 'tcp'),
      roomId: 7,
    }).catch(() => undefined);
    await tcp?.closed;
    expect(tcp?.frames ?? 0).toBe(0);
    const ok = await join(s, 'ws', 7);
    await ok.waitFor((c) => streamCount(c) > 0);
    await ok.close();
    expect(s.groundTruth().totals.refusedConnections).toBe(2);
  });

  it('setRefusing switches a port at runtime', async () => {
    const s = await start({});
    s.setRefusing(portOf(s, 'ws'), true);
    await expect(join(s, 'ws', 8)).rejects.toThrow();
    s.setRefusing(portOf(s, 'ws'), false);
    const client = await join(s, 'ws', 8);
    await client.waitFor((c) => c.countsByType.loginres === 1);
    await client.close();
    expect(() => s.setRefusing(1, true)).toThrow(/does not listen/);
  });
});

describe('runtime control', () => {
  it('faultsFor sets faults per connection, told the room, transport and port', async () => {
    const seen: ConnectionInfo[] = [];
    const s = await start({
      faultsFor: (info) => {
        seen.push(info);
        return info.roomId === 9 ? { closeAfterMessages: 5 } : undefined;
      },
    });
    const faulty = await join(s, 'tcp', 9);
    const healthy = await join(s, 'ws', 10);
    await faulty.closed;
    await healthy.waitFor((c) => streamCount(c) > 20);
    expect(healthy.isClosed).toBe(false);
    await closeAll(s, [healthy]);
    expect(streamCount(faulty)).toBe(5);
    expect(seen.map((i) => [i.roomId, i.transport, i.port])).toEqual([
      [9, 'tcp', portOf(s, 'tcp')],
      [10, 'ws', portOf(s, 'ws')],
    ]);
    expect(sessionOfRoom(s, 9).faults).toEqual({ closeAfterMessages: 5 });
  });

  it('setFaults applies to open connections at once', async () => {
    const s = await start({});
    const client = await join(s, 'ws', 11, { heartbeatMs: 50 });
    await client.waitFor((c) => (c.countsByType.mrkl ?? 0) >= 2);
    s.setFaults({ noHeartbeatEcho: true, coalesce: true });
    await sleep(100);
    const echoes = client.countsByType.mrkl;
    await sleep(300);
    expect(client.countsByType.mrkl).toBe(echoes);
    expect(() => s.setFaults({ closeAfterMessages: -1 })).toThrow(/closeAfterMessages/);
    await closeAll(s, [client]);
    expectMatchesTruth(client, sessionOfRoom(s, 11));
  });

  it('dropAll closes every connection at the same moment, gracefully or by reset', async () => {
    const s = await start({});
    const clients = await Promise.all(
      Array.from({ length: 40 }, (_, i) => join(s, i % 2 === 0 ? 'ws' : 'tcp', 100 + i)),
    );
    await Promise.all(clients.map((c) => c.waitFor((x) => streamCount(x) > 0)));
    expect(s.connectionCount()).toBe(40);
    expect(s.dropAll()).toBe(40);
    await Promise.all(clients.map((c) => c.closed));
    for (const [i, client] of clients.entries())
      expectMatchesTruth(client, sessionOfRoom(s, 100 + i));
    const again = await Promise.all([join(s, 'ws', 200), join(s, 'tcp', 201)]);
    await Promise.all(again.map((c) => c.waitFor((x) => x.countsByType.loginres === 1)));
    expect(s.dropAll({ reset: true })).toBe(2);
    await Promise.all(again.map((c) => c.closed));
    expect(sessionOfRoom(s, 200).closeReason).toBe('dropped');
  });
});
