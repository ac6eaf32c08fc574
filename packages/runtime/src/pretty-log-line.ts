const OWN_KEYS = new Set(['level', 'time', 'msg']);

/**
 * One JSON log line as `12:00:01 warn  message key=value` for a terminal. It starts by clearing
 * the terminal line, so a status line that `danmaku run` redraws in place does not garble it.
 */
export function prettyLogLine(jsonLine: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(jsonLine) as Record<string, unknown>;
  } catch {
    return `\r\x1b[2K${jsonLine}`;
  }
  const time = typeof entry['time'] === 'string' ? entry['time'].slice(11, 19) : '';
  const level = typeof entry['level'] === 'string' ? entry['level'] : 'info';
  const message = typeof entry['msg'] === 'string' ? entry['msg'] : '';
  const pairs = Object.entries(entry)
    .filter(([key, value]) => !OWN_KEYS.has(key) && value !== undefined)
    .map(([key, value]) => `${key}=${describe(value)}`)
    .join(' ');
  return `\r\x1b[2K${time} ${level.padEnd(5)} ${message}${pairs === '' ? '' : ` ${pairs}`}\n`;
}

function describe(value: unknown): string {
  if (isSerialisedError(value)) return JSON.stringify(value.message);
  if (typeof value === 'string') return /\s/.test(value) ? JSON.stringify(value) : value;
  return JSON.stringify(value) ?? String(value);
}

function isSerialisedError(value: unknown): value is { name: string; message: string } {
  if (typeof value !== 'object' || value === null) return false;
  const keys = Object.keys(value);
  return keys.length === 2 && keys.includes('name') && keys.includes('message');
}
