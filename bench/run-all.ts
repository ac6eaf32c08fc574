// `pnpm bench`: codec, writer, e2e, rooms, embedded and export in turn, each in its own process so one
// cannot warm or slow down the next. One Kafka broker serves the two that need it (KAFKA_BROKERS
// from the environment is used as it is).
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { benchKafka } from './writer/kafka.js';

const ORDER = ['codec', 'writer', 'e2e', 'rooms', 'embedded', 'export'];
const only = process.argv.slice(2);
const names = only.length > 0 ? ORDER.filter((name) => only.includes(name)) : ORDER;
const benchDir = fileURLToPath(new URL('.', import.meta.url));
const started = performance.now();

const kafka = names.some((n) => n === 'writer' || n === 'e2e') ? await benchKafka() : undefined;
let failed = 0;
try {
  for (const name of names) {
    const t0 = performance.now();
    console.log(`\n=== ${name} (load average ${(loadavg()[0] ?? 0).toFixed(1)})`);
    const run = spawnSync(
      process.execPath,
      ['--conditions=@danmaku/source', '--import', 'tsx', `${name}.bench.ts`],
      {
        cwd: benchDir,
        stdio: 'inherit',
        env: { ...process.env, ...(kafka ? { KAFKA_BROKERS: kafka.brokers.join(',') } : {}) },
      },
    );
    if (run.status !== 0) failed++;
    console.log(
      `=== ${name}: ${run.status === 0 ? 'done' : 'FAILED'} in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
    );
  }
} finally {
  kafka?.stop();
}
console.log(`\nall benchmarks: ${((performance.now() - started) / 60_000).toFixed(1)} min`);
if (failed > 0) {
  console.error(`${failed} of ${names.length} benchmarks failed`);
  process.exitCode = 1;
}
