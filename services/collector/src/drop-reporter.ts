import type { Logger } from '@danmaku/runtime';
import type { DROP_REASONS } from './metric-labels.js';
import type { CollectorMetrics } from './metrics.js';

export type DropReason = (typeof DROP_REASONS)[number];

export interface DropReporter {
  drop(reason: DropReason, count?: number, room?: number): void;
  /** Logs any summary still pending (shutdown). */
  flush(): void;
}

/**
 * Every drop is counted at once; logging is immediate for the first drop of a reason and then
 * summarised at most once per interval, so a flood of drops cannot flood the log.
 */
export function createDropReporter(
  metrics: Pick<CollectorMetrics, 'recordsDropped'>,
  logger: Logger,
  intervalMs = 5_000,
): DropReporter {
  const unreported = new Map<DropReason, number>();
  let timer: NodeJS.Timeout | undefined;
  const report = (): void => {
    timer = undefined;
    for (const [reason, count] of unreported) {
      logger.error('records dropped', { reason, count });
    }
    unreported.clear();
  };
  return {
    drop(reason, count = 1, room) {
      metrics.recordsDropped.inc({ reason }, count);
      if (timer === undefined) {
        logger.error('records dropped', { reason, count, room });
        timer = setTimeout(report, intervalMs);
        timer.unref();
        return;
      }
      unreported.set(reason, (unreported.get(reason) ?? 0) + count);
    },
    flush() {
      clearTimeout(timer);
      report();
    },
  };
}
