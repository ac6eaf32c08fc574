// The writer process of `pnpm bench:e2e`: startWriter (the composition root `danmaku writer`
// uses) configured from the environment, plus exact ingest latencies. The writer observes
// "commit time − record timestamp (collector receive time)" into a bucketed histogram; this keeps
// every value too. Commands on stdin: {"cmd":"reset"}, {"cmd":"latency"}; reports on stdout.
import { startWriter, writerConfigFromEnv } from '@danmaku/writer';
import { LatencyHistogram } from '../harness/latency-histogram.js';
import { onCommands, report } from '../harness/node-child.js';

const running = await startWriter({ config: writerConfigFromEnv(process.env) });
const latency = new LatencyHistogram();
const histogram = running.metrics.ingestLatencySeconds as unknown as { observe(v: number): void };
const observe = histogram.observe.bind(histogram);
histogram.observe = (seconds: number) => {
  latency.record(seconds * 1000);
  observe(seconds);
};

onCommands((command) => {
  if (command['cmd'] === 'reset') {
    latency.reset();
    report({ event: 'reset' });
  } else if (command['cmd'] === 'latency') {
    report({ event: 'latency', ...latency.summary() });
  }
});
const stop = (): void => {
  void running.stop().finally(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
report({ event: 'ready' });
