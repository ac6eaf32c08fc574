import type { Logger } from '@danmaku/runtime';

/** A named close step; receives the milliseconds left of the overall budget. */
export type ShutdownStep = [name: string, run: (remainingMs: number) => unknown];

/**
 * Runs close steps in order within one overall time budget. A step that fails or overruns is
 * logged and the next step still runs, so one stuck dependency cannot keep the others open.
 */
export async function runSteps(
  logger: Logger,
  budgetMs: number,
  steps: readonly ShutdownStep[],
): Promise<void> {
  const deadline = Date.now() + budgetMs;
  for (const [name, run] of steps) {
    const remainingMs = Math.max(100, deadline - Date.now());
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(resolve, remainingMs, 'timeout');
    });
    try {
      const outcome = await Promise.race([Promise.resolve(run(remainingMs)), timeout]);
      if (outcome === 'timeout')
        logger.error('shutdown step timed out', { step: name, remainingMs });
    } catch (error) {
      logger.error('shutdown step failed', { step: name, error });
    } finally {
      clearTimeout(timer);
    }
  }
}
