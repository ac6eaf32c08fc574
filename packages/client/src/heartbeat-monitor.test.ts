import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { HeartbeatMonitor } from './heartbeat-monitor.js';

function recorder(intervalMs: number, deadAfterMs: number) {
  const log = { sends: 0, lateness: [] as number[], rtts: [] as number[], dead: 0 };
  const monitor = new HeartbeatMonitor(intervalMs, deadAfterMs, {
    send: () => (log.sends += 1),
    sent: (latenessMs) => log.lateness.push(latenessMs),
    echoed: (rttMs) => log.rtts.push(rttMs),
    dead: () => (log.dead += 1),
  });
  return { monitor, log };
}

describe('HeartbeatMonitor', () => {
  it('beats at once, then every interval, reporting lateness against the schedule', async () => {
    const { monitor, log } = recorder(30, 10_000);
    monitor.start();
    expect(log.sends).toBe(1);
    while (log.sends < 3) await sleep(10);
    monitor.stop();
    expect(log.sends).toBeGreaterThanOrEqual(3);
    expect(log.lateness[0]).toBe(0);
    expect(log.lateness).toHaveLength(log.sends);
    for (const latenessMs of log.lateness) expect(latenessMs).toBeGreaterThanOrEqual(0);
    const sends = log.sends;
    await sleep(70);
    expect(log.sends).toBe(sends); // stop() really stops
  });

  it('measures RTT from the heartbeat to its echo, once per heartbeat', async () => {
    const { monitor, log } = recorder(10_000, 10_000);
    monitor.start();
    await sleep(25);
    monitor.echoed();
    monitor.echoed(); // a second echo has no heartbeat outstanding
    monitor.stop();
    expect(log.rtts).toHaveLength(1);
    expect(log.rtts[0]).toBeGreaterThanOrEqual(20);
  });

  it('measures no RTT across a pause', () => {
    const { monitor, log } = recorder(10_000, 10_000);
    monitor.start();
    monitor.setPaused(true);
    monitor.setPaused(false);
    monitor.echoed(); // the echo of the heartbeat sent before the pause
    monitor.stop();
    expect(log.rtts).toEqual([]);
  });

  it('declares the socket dead after deadAfterMs of silence, not before', async () => {
    const { monitor, log } = recorder(10_000, 400);
    monitor.start();
    for (let i = 0; i < 12; i += 1) {
      await sleep(40);
      monitor.received();
    }
    expect(log.dead).toBe(0); // 480 ms alive because data kept coming
    await sleep(800);
    expect(log.dead).toBe(1);
    monitor.stop();
  });

  it('does not count paused time as silence', async () => {
    const { monitor, log } = recorder(10_000, 50);
    monitor.start();
    monitor.setPaused(true);
    await sleep(200);
    expect(log.dead).toBe(0);
    monitor.setPaused(false);
    await sleep(300);
    expect(log.dead).toBe(1);
    monitor.stop();
  });
});
