import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { connectRoom, createSocketFactory, type ClosedEvent } from '@danmaku/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectGate } from './connect-gate.js';
import { gatedSocketFactory } from './gated-socket-factory.js';

// A TCP server that accepts and stays silent: enough to tell "opened" from "timed out".
let server: Server;
const accepted: Socket[] = [];
beforeAll(async () => {
  server = createServer((socket) => accepted.push(socket));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
});
afterAll(async () => {
  for (const socket of accepted) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

describe('gatedSocketFactory', () => {
  it('the connect timeout runs from the dial, not from the wait at the gate', async () => {
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    // One socket per 400 ms: the second room waits ~400 ms at the gate, its timeout is 150 ms.
    const waits: number[] = [];
    const factory = gatedSocketFactory(
      createSocketFactory(),
      new ConnectGate({ ratePerSec: 2.5, burst: 1 }),
      (ms) => waits.push(ms),
    );
    const closes: ClosedEvent[] = [];
    const connected: number[] = [];
    const clients = [1, 2].map((room) => {
      const client = connectRoom(room, {
        endpoints: [{ transport: 'tcp', host: '127.0.0.1', port: address.port }],
        socketFactory: factory,
        connectTimeoutMs: 150,
        loginTimeoutMs: 5_000,
      });
      client.on('connected', () => connected.push(room));
      client.on('closed', (event) => closes.push(event));
      return client;
    });
    const deadline = Date.now() + 3_000;
    while (connected.length < 2 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await Promise.all(clients.map((c) => c.close()));
    expect(closes.filter((c) => c.reason === 'connect-timeout')).toEqual([]);
    expect(connected.sort()).toEqual([1, 2]);
    expect(Math.max(...waits)).toBeGreaterThan(300);
  });
});
