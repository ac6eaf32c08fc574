import { parseArgs } from 'node:util';
import { SIMULATOR_USAGE } from './cli-usage';
import { MALFORMED_KINDS, type FaultConfig, type MalformedKind } from './faults';
import type { ListenSpec, SimulatorOptions } from './options';
import type { RoomTraffic } from './room-schedule';

export interface SimulatorCliConfig {
  options: SimulatorOptions;
  durationS: number | undefined;
  truthFile: string | undefined;
  statsEveryS: number;
  json: boolean;
}

const OPTIONS = {
  'ws-port': { type: 'string', multiple: true },
  'tcp-port': { type: 'string', multiple: true },
  'refuse-port': { type: 'string', multiple: true },
  host: { type: 'string' },
  rooms: { type: 'string' },
  'first-room': { type: 'string' },
  rate: { type: 'string' },
  'burst-every-ms': { type: 'string' },
  'burst-ms': { type: 'string' },
  'burst-multiplier': { type: 'string' },
  seed: { type: 'string' },
  'ping-interval-ms': { type: 'string' },
  split: { type: 'boolean' },
  'split-max-bytes': { type: 'string' },
  coalesce: { type: 'boolean' },
  'coalesce-max-frames': { type: 'string' },
  'close-after-messages': { type: 'string' },
  'close-after-ms': { type: 'string' },
  'silence-after-messages': { type: 'string' },
  'no-heartbeat-echo': { type: 'boolean' },
  malformed: { type: 'string' },
  error: { type: 'string' },
  'login-delay-ms': { type: 'string' },
  'no-login-res': { type: 'boolean' },
  'duration-s': { type: 'string' },
  'truth-file': { type: 'string' },
  'stats-every-s': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'];

/** Collects every problem instead of stopping at the first. */
class Problems {
  readonly list: string[] = [];

  number(values: Values, name: keyof Values, integer = true): number | undefined {
    const raw = values[name];
    if (raw === undefined || typeof raw !== 'string') return undefined;
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

  ports(raw: readonly string[] | undefined, name: string, fallback: number[]): number[] {
    if (raw === undefined) return fallback;
    const ports = raw.flatMap((item) => item.split(',')).map((item) => Number(item.trim()));
    for (const port of ports) {
      if (!Number.isInteger(port) || port < 0 || port > 65_535)
        this.list.push(`--${name}: bad port "${port}"`);
    }
    return ports;
  }

  kindWithCount<T extends string>(raw: string | undefined, name: string, allowed?: readonly T[]) {
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

function faultsFrom(values: Values, problems: Problems): FaultConfig {
  const faults: FaultConfig = {};
  const maxPiece = problems.number(values, 'split-max-bytes');
  if (values.split === true || maxPiece !== undefined)
    faults.split = maxPiece === undefined ? true : { maxPieceBytes: maxPiece };
  const maxFrames = problems.number(values, 'coalesce-max-frames');
  if (values.coalesce === true || maxFrames !== undefined)
    faults.coalesce = maxFrames === undefined ? true : { maxFrames };
  const counts = {
    closeAfterMessages: problems.number(values, 'close-after-messages'),
    closeAfterMs: problems.number(values, 'close-after-ms'),
    silenceAfterMessages: problems.number(values, 'silence-after-messages'),
    loginDelayMs: problems.number(values, 'login-delay-ms'),
  };
  for (const [key, value] of Object.entries(counts))
    if (value !== undefined) faults[key as keyof typeof counts] = value;
  if (values['no-heartbeat-echo'] === true) faults.noHeartbeatEcho = true;
  if (values['no-login-res'] === true) faults.noLoginRes = true;
  const malformed = problems.kindWithCount<MalformedKind>(
    values.malformed,
    'malformed',
    MALFORMED_KINDS,
  );
  if (malformed !== undefined)
    faults.malformed = { kind: malformed.head as MalformedKind, afterMessages: malformed.after };
  const error = problems.kindWithCount(values.error, 'error');
  if (error !== undefined) {
    const code = Number(error.head);
    if (!Number.isInteger(code)) problems.list.push(`--error: bad code "${error.head}"`);
    faults.error = { code, afterMessages: error.after };
  }
  return faults;
}

function trafficFrom(values: Values, problems: Problems): Partial<RoomTraffic> {
  const traffic: Partial<RoomTraffic> = {};
  const entries = {
    messagesPerSecond: problems.number(values, 'rate', false),
    burstEveryMs: problems.number(values, 'burst-every-ms'),
    burstDurationMs: problems.number(values, 'burst-ms'),
    burstMultiplier: problems.number(values, 'burst-multiplier', false),
  };
  for (const [key, value] of Object.entries(entries))
    if (value !== undefined) traffic[key as keyof RoomTraffic] = value;
  return traffic;
}

/** Returns undefined for --help; throws one Error listing every problem. */
export function parseSimulatorArgs(argv: readonly string[]): SimulatorCliConfig | undefined {
  let values: Values;
  try {
    values = parseArgs({
      args: [...argv],
      options: OPTIONS,
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new Error(`${(error as Error).message}\n\n${SIMULATOR_USAGE}`);
  }
  if (values.help === true) return undefined;
  const problems = new Problems();
  const refused = new Set(problems.ports(values['refuse-port'], 'refuse-port', []));
  const listen = (ports: number[]): ListenSpec[] =>
    ports.map((port) => (refused.has(port) ? { port, refuse: true } : port));
  const ws = problems.ports(values['ws-port'], 'ws-port', [8506]);
  const tcp = problems.ports(values['tcp-port'], 'tcp-port', [8601]);
  for (const port of refused) {
    if (!ws.includes(port) && !tcp.includes(port))
      problems.list.push(`--refuse-port ${port} is not a --ws-port or --tcp-port`);
  }
  const roomCount = problems.number(values, 'rooms');
  const firstRoom = problems.number(values, 'first-room') ?? 1001;
  const options: SimulatorOptions = {
    listen: { ws: listen(ws), tcp: listen(tcp) },
    traffic: trafficFrom(values, problems),
    faults: faultsFrom(values, problems),
    seed: problems.number(values, 'seed') ?? 1,
    ...(values.host === undefined ? {} : { host: values.host }),
    ...(roomCount === undefined
      ? {}
      : { rooms: Array.from({ length: roomCount }, (_, i) => firstRoom + i) }),
  };
  const pingIntervalMs = problems.number(values, 'ping-interval-ms');
  if (pingIntervalMs !== undefined) options.pingIntervalMs = pingIntervalMs;
  const config: SimulatorCliConfig = {
    options,
    durationS: problems.number(values, 'duration-s', false),
    truthFile: values['truth-file'],
    statsEveryS: problems.number(values, 'stats-every-s', false) ?? 10,
    json: values.json === true,
  };
  if (problems.list.length > 0)
    throw new Error(`invalid arguments:\n- ${problems.list.join('\n- ')}`);
  return config;
}
