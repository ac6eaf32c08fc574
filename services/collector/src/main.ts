import { runCollectorProcess } from './run-collector';

// `tsx services/collector/src/main.ts [--flags]`; the CLI's `danmaku collector` calls
// runCollectorProcess itself.
process.exit(await runCollectorProcess());
