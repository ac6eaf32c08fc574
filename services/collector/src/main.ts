import { runCollectorProcess } from './run-collector.js';

// Development entry, from source:
// `node --conditions=@danmaku/source --import tsx services/collector/src/main.ts [--flags]`;
// the CLI's `danmaku collector` calls runCollectorProcess itself.
process.exit(await runCollectorProcess());
