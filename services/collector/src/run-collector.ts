import { ConfigError } from '@danmaku/runtime';
import { describeCollectorConfig, loadCollectorConfig } from './config.js';
import { startCollector, type Collector, type CollectorDeps } from './collector.js';

export interface RunCollectorOptions {
  argv?: readonly string[];
  env?: Record<string, string | undefined>;
  deps?: CollectorDeps;
  /** Where problems and help go. Default stderr. */
  print?: (text: string) => void;
}

/**
 * The process around a collector: configuration (exit 2 listing every problem), start, and
 * SIGTERM/SIGINT → graceful close → exit 0. A second signal, or a close that overruns its bound,
 * exits 1 at once. Resolves with the exit code; the caller calls process.exit.
 */
export async function runCollectorProcess(options: RunCollectorOptions = {}): Promise<number> {
  const print = options.print ?? ((text: string) => process.stderr.write(`${text}\n`));
  const argv = options.argv ?? process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    print(
      `usage: collector [--flag value ...]   (each flag also reads the env name beside it)\n${describeCollectorConfig().join('\n')}`,
    );
    return 0;
  }
  let collector: Collector;
  try {
    const config = loadCollectorConfig(options.env ?? process.env, argv);
    collector = await startCollector(config, options.deps);
  } catch (error) {
    print(
      error instanceof ConfigError ? error.message : `collector failed to start: ${String(error)}`,
    );
    return error instanceof ConfigError ? 2 : 1;
  }
  return new Promise<number>((resolve) => {
    let signals = 0;
    const onSignal = (): void => {
      signals += 1;
      if (signals > 1) return resolve(1);
      const hardStop = setTimeout(() => resolve(1), collector.config.shutdownTimeoutMs + 2_000);
      hardStop.unref();
      void collector.close().then(() => {
        clearTimeout(hardStop);
        resolve(0);
      });
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
    void collector.failed.then(async (error) => {
      print(`collector cannot continue: ${error.message}`);
      await collector.close();
      resolve(1);
    });
  });
}
