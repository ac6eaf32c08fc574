import { describe, expect, it } from 'vitest';
import { runCli } from './cli.js';
import type { CliIo } from './cli-io.js';

// Exit codes are the same everywhere: 0 ok, 1 runtime failure, 2 usage or configuration.

const io = (env: Record<string, string> = {}): CliIo => ({
  env,
  isTTY: false,
  out: () => undefined,
  err: () => undefined,
  waitForStop: () => new Promise(() => undefined),
});

describe('danmaku exit codes', () => {
  it('0 for help', async () => {
    expect(await runCli(['--help'], io())).toBe(0);
    expect(await runCli(['schedule', 'add', '--help'], io())).toBe(0);
  });

  it('2 for usage errors commander finds', async () => {
    expect(await runCli(['no-such-command'], io())).toBe(2);
    expect(await runCli(['rooms', 'list', '--no-such-flag'], io())).toBe(2);
    expect(await runCli(['schedule', 'add', 'x', '--room', '1'], io())).toBe(2);
  });

  it('2 for configuration problems', async () => {
    expect(await runCli(['rooms', 'list'], io())).toBe(2);
    expect(await runCli(['writer'], io({ KAFKA_BROKERS: 'kafka:9092' }))).toBe(2);
    expect(await runCli(['collector', '--kafka-brokers', 'kafka'], io())).toBe(2);
    expect(await runCli(['sim', '--rooms', 'many'], io())).toBe(2);
  });
});
