import { pino, stdTimeFunctions, type Logger as PinoLogger } from 'pino';
import type { LogLevel } from './log-levels.js';
import { prettyLogLine } from './pretty-log-line.js';

export { LOG_LEVELS, type LogLevel } from './log-levels.js';
export type LogFields = Record<string, unknown>;

/** The one logger of the project: a message (`msg` in the JSON line) and fields. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line. */
  child(fields: LogFields): Logger;
}

export interface LoggerOptions {
  level?: LogLevel;
  /** Human lines instead of JSON lines. Default: when stdout is a terminal. */
  pretty?: boolean;
  /** Where whole lines go (each ends in a newline). Default stderr. */
  write?: (text: string) => void;
  /** Fields on every line. */
  fields?: LogFields;
}

/**
 * pino underneath: one JSON object per line, `{"level":"info","time":"<ISO>",…fields,"msg":…}`,
 * written synchronously to an injected function so tests and the CLI can capture it. On a
 * terminal the same lines are rendered as `12:00:01 info  message key=value`.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const write = options.write ?? ((text: string) => void process.stderr.write(text));
  const pretty = options.pretty ?? process.stdout.isTTY === true;
  const base = pino(
    {
      level: options.level ?? 'info',
      base: null,
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }), log: errorsAsText },
    },
    { write: pretty ? (line: string) => write(prettyLogLine(line)) : write },
  );
  return wrap(options.fields === undefined ? base : base.child(options.fields));
}

/** Drops every line; for tests and for callers that do not want logs. */
export const silentLogger: Logger = createLogger({ level: 'silent', write: () => undefined });

function wrap(inner: PinoLogger): Logger {
  const at =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (message: string, fields?: LogFields): void => {
      if (fields === undefined) inner[level](message);
      else inner[level](errorsAsText(fields), message);
    };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (fields) => wrap(inner.child(errorsAsText(fields))),
  };
}

/** Errors as `{name, message}` (JSON.stringify makes them `{}`; stacks stay out of log lines). */
function errorsAsText(fields: LogFields): LogFields {
  if (!Object.values(fields).some((value) => value instanceof Error)) return fields;
  return Object.fromEntries(
    Object.entries(fields).map(([key, value]) => [
      key,
      value instanceof Error ? { name: value.name, message: value.message } : value,
    ]),
  );
}
