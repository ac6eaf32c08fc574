import type { Logger } from '@danmaku/runtime';
import { describeUnwritten, type StopReport } from './stop-report.js';

/**
 * Runs `stop` once on the first SIGTERM/SIGINT, then exits 0 when nothing was left behind, 1 when
 * records were not written (or stopping failed). A second signal exits at once with 130. Returns
 * a function that removes the handlers.
 */
export function stopOnSignals(
  stop: () => Promise<StopReport | undefined>,
  logger: Logger,
  signals: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT'],
): () => void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals): void => {
    if (stopping) {
      logger.warn('second signal: exiting now, without waiting for the flush', { signal });
      process.exit(130);
    }
    stopping = true;
    logger.info('shutting down', { signal });
    stop().then(
      (report) => {
        const unwritten = report === undefined ? undefined : describeUnwritten(report);
        if (unwritten === undefined) process.exit(0);
        logger.error(`stopped: ${unwritten}`);
        process.exit(1);
      },
      (error: unknown) => {
        logger.error('shutdown failed', { error: String(error) });
        process.exit(1);
      },
    );
  };
  for (const signal of signals) process.on(signal, handler);
  return () => {
    for (const signal of signals) process.off(signal, handler);
  };
}
