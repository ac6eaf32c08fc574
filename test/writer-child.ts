// A writer process for the kill -9 and migration suites: `tsx test/writer-child.ts` runs the
// writer service from WRITER_* / KAFKA_* / DATABASE_URL like a deployment would;
// `tsx test/writer-child.ts migrate` only migrates DATABASE_URL and prints the result as JSON.
import { createLogger } from '@danmaku/runtime';
import { migrate, startWriter, stopOnSignals, writerConfigFromEnv } from '@danmaku/writer';

const logger = createLogger({ pretty: false, fields: { name: 'writer-child' } });

if (process.argv[2] === 'migrate') {
  const result = await migrate(process.env['DATABASE_URL'] ?? '');
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  const running = await startWriter({ config: writerConfigFromEnv(), logger });
  stopOnSignals(() => running.stop(), logger);
  process.stdout.write('writer-child ready\n');
}
