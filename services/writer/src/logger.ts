export interface Logger {
  info(message: string, context?: Record<string, unknown>): void;
  warn(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
}

/** JSON lines on stderr: enough for a service; the CLI may inject its own logger. */
export function jsonLogger(
  name: string,
  write: (line: string) => void = (l) => process.stderr.write(l),
): Logger {
  const log = (level: string) => (message: string, context?: Record<string, unknown>) =>
    write(
      JSON.stringify({ time: new Date().toISOString(), level, name, message, ...context }) + '\n',
    );
  return { info: log('info'), warn: log('warn'), error: log('error') };
}

export const silentLogger: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
