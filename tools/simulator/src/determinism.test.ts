import { peekType } from '@danmaku/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import type { RawClient } from './raw-client.js';
import { startSimulator, type Simulator } from './simulator.js';
import { closeAll, join, streamCount } from './test-support.js';

const sims: Simulator[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

async function start(seed: number): Promise<Simulator> {
  const sim = await startSimulator({
    seed,
    traffic: { messagesPerSecond: 200, burstEveryMs: 2_000 },
  });
  sims.push(sim);
  return sim;
}

function streamBodies(client: RawClient): string[] {
  return client.bodies.filter(
    (body) => !['loginres', 'pingreq', 'mrkl'].includes(peekType(body) ?? ''),
  );
}

describe('determinism', () => {
  it('the same seed gives the same stream for a room, over either transport', async () => {
    const [a, b, c] = await Promise.all([start(21), start(21), start(22)]);
    const clients = await Promise.all([
      join(a, 'ws', 4242, { keepBodies: true }),
      join(b, 'tcp', 4242, { keepBodies: true }),
      join(c, 'ws', 4242, { keepBodies: true }),
    ]);
    await Promise.all(clients.map((client) => client.waitFor((x) => streamCount(x) >= 150)));
    const [sameA, sameB, otherSeed] = clients.map((client) => streamBodies(client).slice(0, 150));
    expect(sameA).toEqual(sameB);
    expect(otherSeed?.filter((body, i) => body === sameA?.[i])).toEqual([]);
    expect(a?.groundTruth().rooms['4242']?.cids.slice(0, 10)).toEqual(
      clients[0]?.cids.slice(0, 10),
    );
    await Promise.all([closeAll(a, [clients[0]]), closeAll(b, [clients[1]])]);
  });

  it('a room that empties pauses its timeline and resumes with the next message', async () => {
    const [paused, continuous] = await Promise.all([start(23), start(23)]);
    const first = await join(paused, 'tcp', 77, { keepBodies: true });
    await first.waitFor((x) => streamCount(x) >= 40);
    await first.close();
    const seenBeforePause = streamBodies(first).length;
    const second = await join(paused, 'ws', 77, { keepBodies: true });
    const whole = await join(continuous, 'ws', 77, { keepBodies: true });
    await second.waitFor((x) => streamCount(x) >= 40);
    await whole.waitFor((x) => streamCount(x) >= seenBeforePause + 40);
    const resumed = streamBodies(second).slice(0, 40);
    expect([...streamBodies(first), ...resumed]).toEqual(
      streamBodies(whole).slice(0, seenBeforePause + 40),
    );
    await closeAll(paused, [second]);
    await closeAll(continuous, [whole]);
  });
});
