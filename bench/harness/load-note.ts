import { cpus, loadavg } from 'node:os';

/** The 1-minute load average now. */
export function loadNow(): number {
  return loadavg()[0] ?? 0;
}

/** A note for the results: other work on the machine skews every number of a run. */
export function loadNote(atStart: number): string {
  return (
    `Load average ${atStart.toFixed(1)} at the start, ${loadNow().toFixed(1)} at the end, on ` +
    `${cpus().length} cores: above ${cpus().length} the processes measured here waited for a core.`
  );
}
