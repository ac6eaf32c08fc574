// The collector service exactly as `services/collector/src/main.ts` runs it, plus the orphan guard.
import { exitWithParent } from './orphan-guard';

exitWithParent();
await import('../../../services/collector/src/main');
