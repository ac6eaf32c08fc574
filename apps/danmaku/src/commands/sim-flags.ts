import { Option, type Command } from 'commander';
import { MALFORMED_KINDS } from '@danmaku/simulator/faults';
import { joinRepeated } from '../command-support.js';

/** What commander hands over: strings as typed (checked in sim-config), booleans for switches. */
export type SimFlags = Record<string, string | boolean | undefined>;

type Group = [heading: string, flags: Array<[flags: string, help: string]>];

const GROUPS: Group[] = [
  [
    'Listening:',
    [
      ['--ws-port <P[,P...]>', 'WebSocket ports, path "/" (default 8506; 0 = any free port)'],
      ['--tcp-port <P[,P...]>', 'raw TCP ports (default 8601)'],
      ['--refuse-port <P[,P...]>', 'of the ports above, these reset every connection'],
      ['--host <H>', 'bind address (default 127.0.0.1)'],
    ],
  ],
  [
    'Traffic:',
    [
      ['--rooms <N>', 'only rooms FIRST..FIRST+N-1 have traffic (default: every room)'],
      ['--first-room <ID>', 'first room id for --rooms (default 1001)'],
      ['--rate <R>', 'messages per second per room (default 20)'],
      ['--burst-every-ms <MS>', 'mean time between bursts (default 30000; 0 = none)'],
      ['--burst-ms <MS>', 'mean burst length (default 3000)'],
      ['--burst-multiplier <X>', 'rate multiplier in a burst (default 5)'],
      ['--seed <N>', 'seed of all generated traffic (default 1)'],
      ['--ping-interval-ms <MS>', 'server pingreq period (default 30000)'],
    ],
  ],
  [
    'Faults (every connection):',
    [
      ['--split', 'cut output at random offsets (pieces of 1..--split-max-bytes)'],
      ['--split-max-bytes <N>', 'largest piece (default 2048; implies --split)'],
      ['--coalesce', 'several frames per write / WebSocket message'],
      ['--coalesce-max-frames <N>', 'most frames per write (default 16; implies --coalesce)'],
      ['--close-after-messages <N>', 'close each connection after N stream messages'],
      ['--close-after-ms <MS>', 'close each connection MS after it was accepted'],
      ['--silence-after-messages <N>', 'stop sending (socket stays open) after N stream messages'],
      ['--no-heartbeat-echo', 'do not answer mrkl'],
      [
        '--malformed <KIND[:N]>',
        `send one malformed frame after N messages (default 0), then stop; KIND: ${MALFORMED_KINDS.join(', ')}`,
      ],
      ['--error <CODE[:N]>', 'send type@=error/code@=CODE/ after N messages (default 0)'],
      ['--login-delay-ms <MS>', 'answer loginreq after MS'],
      ['--no-login-res', 'never answer loginreq'],
    ],
  ],
  [
    'Run:',
    [
      ['--duration-s <S>', 'exit after S seconds (default: run until SIGINT/SIGTERM)'],
      ['--truth-file <PATH>', 'write the ground truth JSON here on exit'],
      ['--stats-every-s <S>', 'print a stats line every S seconds (default 10; 0 = never)'],
      ['--json', 'print events as JSON lines'],
    ],
  ],
];

/** Every simulator flag, grouped in --help as the simulator's usage always was. */
export function addSimulatorFlags(command: Command): Command {
  for (const [heading, flags] of GROUPS) {
    for (const [spec, help] of flags) {
      const option = new Option(spec, help).helpGroup(heading);
      // A repeated list flag adds to the list, as `--ws-port 1 --ws-port 2` always did.
      if (spec.includes('[,P...]')) option.argParser(joinRepeated);
      command.addOption(option);
    }
  }
  return command;
}
