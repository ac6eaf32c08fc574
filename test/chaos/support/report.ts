import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FULL } from './profile.js';
import type { SaidComparison } from './said-compare.js';
import type { Comparison } from './truth-compare.js';

const RESULTS_DIR = fileURLToPath(new URL('../results/', import.meta.url));

/**
 * Prints one `CHAOS RESULT` line and writes test/chaos/results/<scenario>.<profile>.json: the
 * numbers RELIABILITY.md quotes come from these files.
 */
export function reportScenario(
  scenario: string,
  comparison: Comparison | undefined,
  details: Record<string, unknown>,
  said?: SaidComparison,
): void {
  const result = {
    scenario,
    profile: FULL ? 'full' : 'ci',
    finishedAt: new Date().toISOString(),
    ...(comparison
      ? {
          sent: comparison.sent,
          streamSent: comparison.streamSent,
          malformedSent: comparison.malformedSent,
          stored: comparison.stored,
          ingestErrors: comparison.ingestErrors,
          // lost: sent to a logged-in session and not stored (before the said comparison).
          sentLost: comparison.lost,
          duplicated: comparison.duplicated,
          phantom: comparison.phantom,
          repeatsMerged: comparison.repeatsMerged,
          lostByRoom: Object.fromEntries(comparison.lostByRoom),
        }
      : {}),
    // Against everything the rooms said (support/said-compare.ts): missed, lost, duplicated.
    ...(said ?? {}),
    ...details,
  };
  console.log(`CHAOS RESULT ${JSON.stringify(result)}`);
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(
    `${RESULTS_DIR}${scenario}.${result.profile}.json`,
    `${JSON.stringify(result, null, 2)}\n`,
  );
}
