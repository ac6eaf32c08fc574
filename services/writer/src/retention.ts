import type { Logger } from '@danmaku/runtime';
import type { Counter } from 'prom-client';
import { dropPartitionsOlderThan } from './partitions.js';
import type { SqlExecutor } from './sql-client.js';

export const RETENTION_INTERVAL_MS = 3_600_000;

export interface RetentionOptions {
  db: SqlExecutor;
  /** Daily partitions of days before today − retentionDays (UTC) are dropped. */
  retentionDays: number;
  partitionsDropped: Counter;
  logger: Logger;
  /** Hourly by default: a day boundary is passed within the hour, and a run costs one query. */
  intervalMs?: number;
}

export interface Retention {
  /** Resolves after the first pass (run at start), whatever its outcome. */
  readonly firstPass: Promise<void>;
  /** Stops the timer and waits for a pass in flight. */
  stop(): Promise<void>;
}

/**
 * Drops old daily partitions at start and then on a timer. A failed pass is logged and tried
 * again at the next tick: retention never stops the writer. Several writers may run it at once;
 * one that loses a race logs a failed pass, and its next pass finds nothing left to drop.
 */
export function startRetention(options: RetentionOptions): Retention {
  const { db, retentionDays, partitionsDropped, logger } = options;
  let inFlight: Promise<void> = Promise.resolve();
  const pass = async (): Promise<void> => {
    try {
      const dropped = await dropPartitionsOlderThan(db, retentionDays);
      partitionsDropped.inc(dropped);
      if (dropped > 0) logger.info('retention dropped old partitions', { dropped, retentionDays });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      logger.warn('retention pass failed; trying again later', { error: message });
    }
  };
  const run = (): void => {
    inFlight = inFlight.then(pass);
  };
  run();
  const firstPass = inFlight;
  const timer = setInterval(run, options.intervalMs ?? RETENTION_INTERVAL_MS);
  timer.unref();
  return {
    firstPass,
    stop() {
      clearInterval(timer);
      return inFlight;
    },
  };
}
