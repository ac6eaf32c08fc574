/**
 * A service started by a chaos suite exits when the suite's process is gone (a test run killed
 * by a timeout cannot run its afterAll), instead of living on as an orphan.
 */
export function exitWithParent(): void {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) process.exit(1);
  }, 1_000).unref();
}
