export interface EmbeddedStats {
  roomsHeld: number;
  roomsConnected: number;
  /** Records (bodies and session events) handed to the queue since start. */
  messages: number;
  rowsWritten: number;
  queueDepth: number;
  lastError: string | undefined;
}

export interface StatusReporterOptions {
  read: () => Promise<EmbeddedStats>;
  write: (text: string) => void;
  /** Redraw one line in place (TTY) instead of printing a line per period. */
  tty: boolean;
  /** Period of plain lines; the TTY line is redrawn every second. */
  intervalMs: number;
}

export interface StatusReporter {
  stop(): void;
}

/**
 * The live status of `danmaku run`: one line redrawn every second on a terminal, else a log line
 * per period. The moment the first rows land is announced once in both modes.
 */
export function startStatusReporter(options: StatusReporterOptions): StatusReporter {
  const startedAt = Date.now();
  let previous = { at: startedAt, messages: 0 };
  let lastPrintedAt = startedAt;
  let announced = false;
  let busy = false;
  const tick = async (): Promise<void> => {
    if (busy) return;
    busy = true;
    try {
      const stats = await options.read();
      const now = Date.now();
      if (!announced && stats.rowsWritten > 0) {
        announced = true;
        clearInterval(timer);
        timer = setInterval(() => void tick(), 1_000);
        const seconds = ((now - startedAt) / 1000).toFixed(1);
        options.write(
          `${options.tty ? '\r\x1b[2K' : ''}first rows written ${seconds} s after start\n`,
        );
      }
      if (options.tty) {
        options.write(`\r\x1b[2K${formatStatus(stats, rate(stats, now))}`);
      } else if (now - lastPrintedAt >= options.intervalMs) {
        lastPrintedAt = now;
        options.write(`${new Date(now).toISOString()} ${formatStatus(stats, rate(stats, now))}\n`);
      } else {
        return;
      }
      previous = { at: now, messages: stats.messages };
    } finally {
      busy = false;
    }
  };
  const rate = (stats: EmbeddedStats, now: number): number =>
    ((stats.messages - previous.messages) * 1000) / Math.max(1, now - previous.at);
  // Polled every 100 ms until the first rows land, so their moment is announced to the tenth.
  let timer = setInterval(() => void tick(), 100);
  return {
    stop() {
      clearInterval(timer);
      if (options.tty) options.write('\r\x1b[2K');
    },
  };
}

export function formatStatus(stats: EmbeddedStats, messagesPerSecond: number): string {
  const n = (value: number) => Math.round(value).toLocaleString('en-US');
  return [
    `rooms ${stats.roomsConnected}/${stats.roomsHeld} connected`,
    `${n(messagesPerSecond)} msgs/s`,
    `${n(stats.rowsWritten)} rows written`,
    `queue ${n(stats.queueDepth)}`,
    `last error: ${stats.lastError ?? 'none'}`,
  ].join(' | ');
}
