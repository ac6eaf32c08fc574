import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { startHttpServer } from './http-server';
import { silentLogger } from '@danmaku/runtime';
import { createCollectorMetrics } from './metrics';

describe('startHttpServer', () => {
  it('serves /metrics, /healthz and /readyz', async () => {
    const metrics = createCollectorMetrics({ registry: new Registry(), defaultMetrics: false });
    let sinkOk = false;
    const server = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      registry: metrics.registry,
      readiness: [{ name: 'sink', ok: () => sinkOk }],
      logger: silentLogger,
    });
    try {
      const scrape = await fetch(`${server.url}/metrics`);
      expect(scrape.status).toBe(200);
      expect(scrape.headers.get('content-type')).toContain('text/plain');
      expect(await scrape.text()).toContain('danmaku_collector_rooms_active 0');
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      const notReady = await fetch(`${server.url}/readyz`);
      expect([notReady.status, await notReady.text()]).toEqual([503, 'not ready: sink\n']);
      sinkOk = true;
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
      expect((await fetch(`${server.url}/nope`)).status).toBe(404);
      expect((await fetch(`${server.url}/metrics`, { method: 'POST' })).status).toBe(405);
    } finally {
      await server.close();
    }
  });
});
