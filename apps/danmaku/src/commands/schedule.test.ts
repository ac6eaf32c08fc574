import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../cli-io.js';
import { registerSchedule } from './schedule.js';

/** `danmaku schedule …` in-process with no Redis anywhere: what is refused never reaches it. */
async function schedule(
  argv: readonly string[],
  env: Record<string, string> = { REDIS_URL: 'redis://127.0.0.1:1' },
) {
  let err = '';
  let code = -1;
  const io: CliIo = {
    env,
    isTTY: false,
    out: () => undefined,
    err: (text) => void (err += text),
    waitForStop: () => new Promise(() => undefined),
  };
  const program = new Command('danmaku').exitOverride();
  registerSchedule(program, io, (c) => void (code = c));
  await program.parseAsync(['schedule', ...argv], { from: 'user' });
  return { code, err };
}

const add = (cron: string, duration: string, tz: string) => [
  ...['add', 'x', '--room', '1', '--cron', cron, '--duration', duration, '--tz', tz],
];

describe('danmaku schedule add', () => {
  it('refuses an unknown time zone before Redis is reached', async () => {
    const { code, err } = await schedule(add('0 20 * * *', '2h', 'Mars/Base'));
    expect(code).toBe(2);
    expect(err).toContain('--tz: "Mars/Base" is no IANA time zone');
  });

  it('refuses a bad cron field before Redis is reached', async () => {
    const { code, err } = await schedule(add('0 25 * * *', '2h', 'UTC'));
    expect(code).toBe(2);
    expect(err).toContain('--cron: "0 25 * * *":');
  });

  it('refuses a bare number as a duration and names the units', async () => {
    const { code, err } = await schedule(add('0 20 * * *', '2', 'UTC'));
    expect(code).toBe(2);
    expect(err).toContain('--duration: "2" is no duration; units: ms, s, m, h, d');
  });
});
