import { createLogger, type LogFields, type Logger, type LogLevel } from '@danmaku/runtime';

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

/** The runtime kit's logger, plus the memory that `danmaku run`'s status line shows. */
export function createCliLogger(options: CliLoggerOptions): CliLogger {
  const state: { lastError: string | undefined } = { lastError: undefined };
  return withMemory(createLogger(options), state);
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

function describe(value: unknown): string {
  if (typeof value === 'string') return /\s/.test(value) ? JSON.stringify(value) : value;
  return JSON.stringify(value) ?? String(value);
}
