import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GroundTruth, SimulatorRunConfig } from '@danmaku/simulator';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import type { CliIo } from '../cli-io.js';
import { simulatorConfigOf } from './sim-config.js';
import { addSimulatorFlags, type SimFlags } from './sim-flags.js';

/** The flags as `danmaku sim` parses them; throws the listed problems. */
function parseSimulatorArgs(argv: readonly string[]): SimulatorRunConfig {
  const command = addSimulatorFlags(new Command('sim')).exitOverride();
  command.parse([...argv], { from: 'user' });
  const { config, problems } = simulatorConfigOf(command.opts<SimFlags>());
  if (config === undefined) throw new Error(`invalid arguments:\n- ${problems.join('\n- ')}`);
  return config;
}

function io(): CliIo & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    env: {},
    isTTY: false,
    out: (text) => lines.push(...text.split('\n').filter((l) => l.length > 0)),
    err: (text) => lines.push(...text.split('\n').filter((l) => l.length > 0)),
    waitForStop: () => new Promise(() => undefined),
  };
}

/** `danmaku sim ...` in-process, as the command line runs it. */
const runSimulatorCli = (argv: readonly string[], output: CliIo): Promise<number> =>
  runCli(['sim', ...argv], output);

describe('danmaku sim flags', () => {
  it('maps the documented flags onto SimulatorOptions', () => {
    const config = parseSimulatorArgs([
      '--rooms',
      '3',
      '--first-room',
      '500',
      '--rate',
      '2.5',
      '--ws-port',
      '8506,8505',
      '--tcp-port',
      '8601',
      '--refuse-port',
      '8505',
      '--seed',
      '9',
      '--split-max-bytes',
      '8',
      '--coalesce',
      '--malformed',
      'oversize:12',
      '--error',
      '51',
      '--no-heartbeat-echo',
      '--close-after-ms',
      '5000',
      '--truth-file',
      '/tmp/t.json',
      '--duration-s',
      '1.5',
      '--json',
    ]);
    expect(config).toEqual({
      options: {
        listen: { ws: [8506, { port: 8505, refuse: true }], tcp: [8601] },
        traffic: { messagesPerSecond: 2.5 },
        faults: {
          split: { maxPieceBytes: 8 },
          coalesce: true,
          closeAfterMs: 5000,
          noHeartbeatEcho: true,
          malformed: { kind: 'oversize', afterMessages: 12 },
          error: { code: 51, afterMessages: 0 },
        },
        seed: 9,
        rooms: [500, 501, 502],
      },
      durationS: 1.5,
      truthFile: '/tmp/t.json',
      statsEveryS: 10,
      json: true,
    });
  });

  it('defaults to the real ports 8506 (WebSocket) and 8601 (TCP), and every room', () => {
    const config = parseSimulatorArgs([]);
    expect(config?.options.listen).toEqual({ ws: [8506], tcp: [8601] });
    expect(config?.options.rooms).toBeUndefined();
  });

  it('lists every problem at once, an unknown flag too', async () => {
    expect(() =>
      parseSimulatorArgs(['--rate', 'fast', '--malformed', 'weird', '--tcp-port', '70000']),
    ).toThrow(/--tcp-port: bad port "70000"[\s\S]*--rate[\s\S]*--malformed: "weird"/);
    const bogus = io();
    expect(await runSimulatorCli(['--bogus', '--rate', 'fast'], bogus)).toBe(2);
    expect(bogus.lines.join('\n')).toMatch(/unknown option --bogus[\s\S]*--rate/);
  });
});

describe('danmaku sim', () => {
  it('prints --help with exit code 0, and exits 2 on bad arguments', async () => {
    const help = io();
    expect(await runSimulatorCli(['--help'], help)).toBe(0);
    expect(help.lines.join('\n')).toContain('--close-after-messages');
    const bad = io();
    expect(await runSimulatorCli(['--rooms', '-1'], bad)).toBe(2);
  });

  it('runs for --duration-s and writes the ground truth file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'simulator-cli-'));
    const output = io();
    const truthFile = join(dir, 'truth.json');
    const code = await runSimulatorCli(
      [
        '--ws-port',
        '0',
        '--tcp-port',
        '0',
        '--duration-s',
        '0.3',
        '--truth-file',
        truthFile,
        '--json',
        '--seed',
        '4',
      ],
      output,
    );
    expect(code).toBe(0);
    const [listening, stopped] = output.lines.map(
      (line) => JSON.parse(line) as Record<string, unknown>,
    );
    expect(listening?.event).toBe('listening');
    expect(listening?.ws).toEqual([expect.stringMatching(/^ws:\/\/127\.0\.0\.1:\d+\/$/)]);
    expect(stopped).toMatchObject({ event: 'stopped', reason: 'duration', truthFile });
    const truth = JSON.parse(await readFile(truthFile, 'utf8')) as GroundTruth;
    expect(truth).toMatchObject({ seed: 4, sessions: [], rooms: {} });
  });
});
