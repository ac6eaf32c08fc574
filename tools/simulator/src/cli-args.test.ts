import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSimulatorArgs } from './cli-args';
import type { GroundTruth } from './ground-truth';
import { runSimulatorCli, type CliIo } from './main';

describe('parseSimulatorArgs', () => {
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

  it('returns undefined for --help and lists every problem at once', () => {
    expect(parseSimulatorArgs(['--help'])).toBeUndefined();
    expect(() =>
      parseSimulatorArgs(['--rate', 'fast', '--malformed', 'weird', '--tcp-port', '70000']),
    ).toThrow(/--tcp-port: bad port "70000"[\s\S]*--rate[\s\S]*--malformed: "weird"/);
    expect(() => parseSimulatorArgs(['--bogus'])).toThrow(/Unknown option '--bogus'/);
  });
});

describe('runSimulatorCli', () => {
  function io(): CliIo & { lines: string[] } {
    const lines: string[] = [];
    return {
      lines,
      out: (l) => lines.push(l),
      err: (l) => lines.push(l),
      stopSignal: new Promise(() => undefined),
    };
  }

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
