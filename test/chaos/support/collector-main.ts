// The collector service exactly as `services/collector/src/main.ts` runs it, plus the orphan guard.
import { exitWithParent } from './orphan-guard.js';

exitWithParent();
await import('../../../services/collector/src/main.js');
