import { createJsonLogger, type LogFields, type Logger, type LogLevel } from '@danmaku/collector';

/** A logger for every component of one CLI process, which remembers the last problem. */
export interface CliLogger extends Logger {
  /** `message: error` of the latest warn or error line, for the status line. */
  readonly lastError: string | undefined;
}

export interface CliLoggerOptions {
  level: LogLevel;
  /** Human lines for a terminal instead of JSON lines. */
  pretty: boolean;
  write: (text: string) => void;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export function createCliLogger(options: CliLoggerOptions): CliLogger {
  const state: { lastError: string | undefined } = { lastError: undefined };
  const base = options.pretty
    ? prettyLogger(options.level, options.write, {})
    : createJsonLogger(options.level, options.write);
  return withMemory(base, state);
}

function withMemory(inner: Logger, state: { lastError: string | undefined }): CliLogger {
  const remember = (message: string, fields?: LogFields): void => {
    const cause = fields?.['error'];
    const detail =
      cause instanceof Error ? cause.message : cause === undefined ? '' : describe(cause);
    state.lastError = detail === '' ? message : `${message}: ${detail}`;
  };
  return {
    get lastError() {
      return state.lastError;
    },
    debug: (m, f) => inner.debug(m, f),
    info: (m, f) => inner.info(m, f),
    warn: (m, f) => {
      remember(m, f);
      inner.warn(m, f);
    },
    error: (m, f) => {
      remember(m, f);
      inner.error(m, f);
    },
    child: (fields) => withMemory(inner.child(fields), state),
  };
}

/** `12:00:01 warn  message key=value`, clearing a status line that may be on screen. */
function prettyLogger(level: LogLevel, write: (text: string) => void, bound: LogFields): Logger {
  const emit = (lvl: Exclude<LogLevel, 'silent'>, message: string, fields?: LogFields): void => {
    if (RANK[lvl] < RANK[level]) return;
    const time = new Date().toISOString().slice(11, 19);
    const pairs = Object.entries({ ...bound, ...fields })
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => `${key}=${describe(value)}`)
      .join(' ');
    write(`\r\x1b[2K${time} ${lvl.padEnd(5)} ${message}${pairs === '' ? '' : ` ${pairs}`}\n`);
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => prettyLogger(level, write, { ...bound, ...fields }),
  };
}

function describe(value: unknown): string {
  if (value instanceof Error) return JSON.stringify(value.message);
  if (typeof value === 'string') return /\s/.test(value) ? JSON.stringify(value) : value;
  return JSON.stringify(value) ?? String(value);
}
