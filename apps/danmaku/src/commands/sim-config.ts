import type {
  FaultConfig,
  ListenSpec,
  MalformedKind,
  RoomTraffic,
  SimulatorOptions,
  SimulatorRunConfig,
} from '@danmaku/simulator';
import { MALFORMED_KINDS } from '@danmaku/simulator/faults';
import type { SimFlags } from './sim-flags.js';

/** commander's key for a flag: `--burst-every-ms` is `burstEveryMs`. */
const keyOf = (flag: string): string =>
  flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** Collects every problem instead of stopping at the first. */
class Problems {
  readonly list: string[] = [];

  constructor(private readonly flags: SimFlags) {}

  text(name: string): string | undefined {
    const raw = this.flags[keyOf(name)];
    return typeof raw === 'string' ? raw : undefined;
  }

  number(name: string, integer = true): number | undefined {
    const raw = this.text(name);
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (
      raw.trim() === '' ||
      !Number.isFinite(value) ||
      value < 0 ||
      (integer && !Number.isInteger(value))
    ) {
      this.list.push(`--${name}: expected a ${integer ? 'whole ' : ''}number >= 0, got "${raw}"`);
      return undefined;
    }
    return value;
  }

  ports(name: string, fallback: number[]): number[] {
    const raw = this.text(name);
    if (raw === undefined) return fallback;
    const ports = raw.split(',').map((item) => Number(item.trim()));
    for (const port of ports) {
      if (!Number.isInteger(port) || port < 0 || port > 65_535)
        this.list.push(`--${name}: bad port "${port}"`);
    }
    return ports;
  }

  kindWithCount<T extends string>(name: string, allowed?: readonly T[]) {
    const raw = this.text(name);
    if (raw === undefined) return undefined;
    const [head = '', count = '0'] = raw.split(':');
    const after = Number(count);
    if (allowed !== undefined && !allowed.includes(head as T)) {
      this.list.push(`--${name}: "${head}" is not one of ${allowed.join(', ')}`);
    }
    if (!Number.isInteger(after) || after < 0)
      this.list.push(`--${name}: bad message count "${count}"`);
    return { head, after };
  }
}

function faultsFrom(flags: SimFlags, problems: Problems): FaultConfig {
  const faults: FaultConfig = {};
  const maxPiece = problems.number('split-max-bytes');
  if (flags.split === true || maxPiece !== undefined)
    faults.split = maxPiece === undefined ? true : { maxPieceBytes: maxPiece };
  const maxFrames = problems.number('coalesce-max-frames');
  if (flags.coalesce === true || maxFrames !== undefined)
    faults.coalesce = maxFrames === undefined ? true : { maxFrames };
  const counts = {
    closeAfterMessages: problems.number('close-after-messages'),
    closeAfterMs: problems.number('close-after-ms'),
    silenceAfterMessages: problems.number('silence-after-messages'),
    loginDelayMs: problems.number('login-delay-ms'),
  };
  for (const [key, value] of Object.entries(counts))
    if (value !== undefined) faults[key as keyof typeof counts] = value;
  // commander reads `--no-x` as x = false (default true).
  if (flags.heartbeatEcho === false) faults.noHeartbeatEcho = true;
  if (flags.loginRes === false) faults.noLoginRes = true;
  const malformed = problems.kindWithCount<MalformedKind>('malformed', MALFORMED_KINDS);
  if (malformed !== undefined)
    faults.malformed = { kind: malformed.head as MalformedKind, afterMessages: malformed.after };
  const error = problems.kindWithCount('error');
  if (error !== undefined) {
    const code = Number(error.head);
    if (!Number.isInteger(code)) problems.list.push(`--error: bad code "${error.head}"`);
    faults.error = { code, afterMessages: error.after };
  }
  return faults;
}

function trafficFrom(problems: Problems): Partial<RoomTraffic> {
  const traffic: Partial<RoomTraffic> = {};
  const entries = {
    messagesPerSecond: problems.number('rate', false),
    burstEveryMs: problems.number('burst-every-ms'),
    burstDurationMs: problems.number('burst-ms'),
    burstMultiplier: problems.number('burst-multiplier', false),
  };
  for (const [key, value] of Object.entries(entries))
    if (value !== undefined) traffic[key as keyof RoomTraffic] = value;
  return traffic;
}

/** The flags of `danmaku sim` as one simulator run; `problems` lists every bad flag at once. */
export function simulatorConfigOf(flags: SimFlags): {
  config: SimulatorRunConfig | undefined;
  problems: string[];
} {
  const problems = new Problems(flags);
  const refused = new Set(problems.ports('refuse-port', []));
  const listen = (ports: number[]): ListenSpec[] =>
    ports.map((port) => (refused.has(port) ? { port, refuse: true } : port));
  const ws = problems.ports('ws-port', [8506]);
  const tcp = problems.ports('tcp-port', [8601]);
  for (const port of refused) {
    if (!ws.includes(port) && !tcp.includes(port))
      problems.list.push(`--refuse-port ${port} is not a --ws-port or --tcp-port`);
  }
  const roomCount = problems.number('rooms');
  const firstRoom = problems.number('first-room') ?? 1001;
  const host = problems.text('host');
  const options: SimulatorOptions = {
    listen: { ws: listen(ws), tcp: listen(tcp) },
    traffic: trafficFrom(problems),
    faults: faultsFrom(flags, problems),
    seed: problems.number('seed') ?? 1,
    ...(host === undefined ? {} : { host }),
    ...(roomCount === undefined
      ? {}
      : { rooms: Array.from({ length: roomCount }, (_, i) => firstRoom + i) }),
  };
  const pingIntervalMs = problems.number('ping-interval-ms');
  if (pingIntervalMs !== undefined) options.pingIntervalMs = pingIntervalMs;
  const config: SimulatorRunConfig = {
    options,
    durationS: problems.number('duration-s', false),
    truthFile: problems.text('truth-file'),
    statsEveryS: problems.number('stats-every-s', false) ?? 10,
    json: flags.json === true,
  };
  return problems.list.length > 0
    ? { config: undefined, problems: problems.list }
    : { config, problems: [] };
}
