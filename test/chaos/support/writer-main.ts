// The writer as a deployment runs it, for the chaos suites: settings from WRITER_* / KAFKA_* /
// DATABASE_URL, JSON logs on stderr, SIGTERM stops it cleanly; `writer ready` once consuming.
import { createLogger } from '@danmaku/runtime';
import { startWriter, stopOnSignals, writerConfigFromEnv } from '@danmaku/writer';
import { exitWithParent } from './orphan-guard.js';

exitWithParent();

const logger = createLogger({ pretty: false, fields: { name: 'chaos-writer' } });
const running = await startWriter({ config: writerConfigFromEnv(), logger });
stopOnSignals(() => running.stop(), logger);
process.stdout.write('writer ready\n');
