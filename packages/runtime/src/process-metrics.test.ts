import { Counter, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { buildInfo } from './build-info.js';
import { startHttpServer } from './http-server.js';
import { silentLogger } from './logger.js';
import { createProcessMetrics } from './process-metrics.js';

describe('process metrics', () => {
  it('danmaku_build_info is 1 with the version and commit as labels', async () => {
    const registry = createProcessMetrics(new Registry(), { version: '1.2.3', commit: 'abc123' });
    const text = await registry.metrics();
    expect(text).toMatch(/^danmaku_build_info\{version="1\.2\.3",commit="abc123"\} 1$/m);
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
  });

  it('from source: the workspace version and the checkout commit (or unknown)', () => {
    const { version, commit } = buildInfo();
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
    expect(commit).toMatch(/^([0-9a-f]{40,64}|unknown)$/);
  });

  it('every /metrics serves them before the service metrics, once', async () => {
    const service = new Registry();
    new Counter({ name: 'svc_total', help: 'A service metric.', registers: [service] });
    const server = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      metrics: service,
      readiness: [],
      logger: silentLogger,
    });
    try {
      const text = await (await fetch(`${server.url}/metrics`)).text();
      const { version, commit } = buildInfo();
      expect(text).toContain(`danmaku_build_info{version="${version}",commit="${commit}"} 1\n`);
      expect(text).toContain('svc_total 0');
      expect(text.match(/^# TYPE process_cpu_user_seconds_total /gm)).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});
