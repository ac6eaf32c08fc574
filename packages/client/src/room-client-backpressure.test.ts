import { startSimulator, type Simulator } from '@danmaku/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Endpoint } from './endpoints.js';
import type { MessageQueue } from './message-queue.js';
import { connectRoom, type RoomClient } from './room-client.js';
import { nextEvent, until } from './room-client.test-support.js';

const ROOM = 777;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: 5, traffic: { messagesPerSecond: 1_000, burstEveryMs: 0 } });
});
afterAll(() => sim.close());

const endpointsOf = (transport: 'ws' | 'tcp'): Endpoint[] =>
  transport === 'ws'
    ? [{ transport: 'ws', url: sim.wsUrl() }]
    : [{ transport: 'tcp', host: sim.host, port: sim.tcpPorts[0] ?? 0 }];

/** Short heartbeat and dead intervals: a pause longer than deadAfterMs must not look dead. */
function fastClient(transport: 'ws' | 'tcp'): {
  client: RoomClient;
  frames: () => number;
  closes: string[];
} {
  const client = connectRoom(ROOM, {
    endpoints: endpointsOf(transport),
    heartbeatIntervalMs: 50,
    deadAfterMs: 150,
  });
  let frames = 0;
  const closes: string[] = [];
  client.on('frame', () => (frames += 1));
  client.on('closed', (event) => closes.push(event.reason));
  return { client, frames: () => frames, closes };
}

describe.each(['ws', 'tcp'] as const)('backpressure over %s', (transport) => {
  it('a full iterator buffer pauses the socket; draining it resumes, with nothing lost', async () => {
    const { client, frames, closes } = fastClient(transport);
    const iterator = client.messages({ highWaterMark: 50, types: ['chatmsg'] });
    const [loggedIn] = await nextEvent(client, 'loggedIn');
    await until(() => client.isPaused, 5_000, 'buffer full');
    await sleep(50); // let what was already read arrive
    const atPause = frames();
    const buffered = (iterator as unknown as MessageQueue<unknown>).size;
    await sleep(400); // > deadAfterMs
    expect(frames() - atPause).toBeLessThan(20); // unpaused, 400 ms would bring ~400 frames
    expect(buffered).toBeGreaterThanOrEqual(50);
    // The overshoot is what one socket read (≤ 64 KiB, a few hundred frames) held, not the stream.
    expect(buffered).toBeLessThan(50 + 500);

    const cids: (string | null)[] = [];
    let resumedAfter: number | undefined;
    for await (const message of iterator) {
      cids.push(message.cid);
      if (resumedAfter === undefined && !client.isPaused) resumedAfter = cids.length;
      if (cids.length === buffered + 100) break;
    }
    // Resumed once the consumer had taken the buffer down to half, before it ran dry.
    expect(resumedAfter).toBeGreaterThanOrEqual(buffered - 25);
    expect(resumedAfter).toBeLessThanOrEqual(buffered);
    expect(client.isPaused).toBe(false);
    expect(frames() - atPause).toBeGreaterThan(100);
    await client.close();
    expect(closes).toEqual(['user']);
    const truth = sim
      .groundTruth()
      .sessions.find((s) => String(s.sessionId) === loggedIn.login.sessionId);
    expect(truth?.droppedFrames).toBe(0);
    expect(truth?.cids.slice(0, cids.length)).toEqual(cids);
  });

  it('client.pause() stops reading until client.resume(), without a dead-socket verdict', async () => {
    const { client, frames, closes } = fastClient(transport);
    await nextEvent(client, 'loggedIn');
    await until(() => frames() > 50);
    client.pause();
    client.pause(); // idempotent
    expect(client.isPaused).toBe(true);
    await sleep(50);
    const atPause = frames();
    await sleep(400);
    expect(frames() - atPause).toBeLessThan(20);
    client.resume();
    expect(client.isPaused).toBe(false);
    await until(() => frames() - atPause > 200, 5_000, 'reading again');
    await nextEvent(client, 'heartbeatEchoed');
    await client.close();
    expect(closes).toEqual(['user']);
  });
});
