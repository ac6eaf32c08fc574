import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { buildInfo, type BuildInfo } from './build-info.js';

let shared: Registry | undefined;

/**
 * What every process serving /metrics shows besides its own metrics: prom-client's process and
 * Node metrics (standard names, no prefix) and `danmaku_build_info{version,commit} 1`. One
 * registry per process, created on first use (they describe the process, not a service), so
 * two servers in one process (embedded mode, tests) show the same series.
 */
export function processMetrics(): Registry {
  shared ??= createProcessMetrics(new Registry(), buildInfo());
  return shared;
}

/** Registers the build-info gauge and the default metrics on `registry` (exported for tests). */
export function createProcessMetrics(registry: Registry, build: BuildInfo): Registry {
  const gauge = new Gauge({
    name: 'danmaku_build_info',
    help: 'Always 1; the labels say which version and git commit the process runs.',
    labelNames: ['version', 'commit'],
    registers: [registry],
  });
  gauge.set({ version: build.version, commit: build.commit }, 1);
  collectDefaultMetrics({ register: registry });
  return registry;
}
