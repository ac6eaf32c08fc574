import { peekType } from '@danmaku/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import type { RawClient } from './raw-client.js';
import { startSimulator, type Simulator } from './simulator.js';
import type { MissedRun } from './room-truth.js';
import { closeAll, join, sleep, streamCount } from './test-support.js';

const UNHEARD_MS = 600;

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

  it('a room keeps talking while nobody is joined; what it said meanwhile is missed', async () => {
    const [sim, continuous] = await Promise.all([start(23), start(23)]);
    const first = await join(sim, 'tcp', 77, { keepBodies: true });
    await first.waitFor((x) => streamCount(x) >= 40);
    await first.close();
    await sleep(50);
    const leftAt = Date.now();
    await sleep(UNHEARD_MS);
    const rejoinAt = Date.now();
    const second = await join(sim, 'ws', 77, { keepBodies: true });
    await second.waitFor((x) => streamCount(x) >= 20);
    const room = sim.groundTruth().rooms['77'];
    const unheard = room?.missedRuns.filter((run) => !run.whileJoined) ?? [];
    expect(unheard).toHaveLength(1);
    const gap = unheard[0] as MissedRun;
    // 200 messages/s (more in bursts): at least half the expected count while nobody listened.
    expect(gap.toSeq - gap.fromSeq).toBeGreaterThan((200 * UNHEARD_MS) / 1000 / 2);
    expect(gap.fromWallMs).toBeLessThanOrEqual(leftAt + 20);
    expect(gap.toWallMs).toBeGreaterThanOrEqual(rejoinAt - 100);
    expect(room?.said).toBe((room?.heard ?? 0) + (room?.missed ?? 0));
    expect(room?.missedCids.length).toBeGreaterThan(0);
    expect(second.cids).not.toContain(room?.missedCids[0]);
    // The next message heard is the one due at the wall time elapsed, not the one after the last
    // heard: the same body as message gap.toSeq of a room that was listened to all along.
    const whole = await join(continuous, 'ws', 77, { keepBodies: true });
    await whole.waitFor((x) => streamCount(x) >= gap.toSeq + 20, 10_000);
    expect(streamBodies(second).slice(0, 20)).toEqual(
      streamBodies(whole).slice(gap.toSeq, gap.toSeq + 20),
    );
    // Empty again: the truth snapshot counts what the room says with nobody ticking it.
    await closeAll(sim, [second]);
    const saidAtClose = sim.groundTruth().rooms['77']?.said ?? 0;
    await sleep(300);
    const later = sim.groundTruth().rooms['77'];
    expect((later?.said ?? 0) - saidAtClose).toBeGreaterThan(30);
    expect(later?.said).toBe((later?.heard ?? 0) + (later?.missed ?? 0));
    await closeAll(continuous, [whole]);
  });
});
