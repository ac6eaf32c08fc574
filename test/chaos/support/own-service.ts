// What the suite's own broker shares with the global setup: a free port to run on, and whether
// the test process that left a run directory behind is still alive.
export { freePort, pidAlive as isAlive } from '../../support/global/local-process.js';
