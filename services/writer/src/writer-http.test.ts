import { silentLogger } from '@danmaku/runtime';
import { describe, expect, it } from 'vitest';
import { parseWriterConfig } from './config.js';
import { createWriterMetrics } from './metrics.js';
import { startWriterHttp } from './writer-http.js';

const config = parseWriterConfig({ mode: 'embedded', metricsPort: 0, metricsHost: '127.0.0.1' });

describe('startWriterHttp', () => {
  it('is ready when the database answers and the source consumes', async () => {
    let reachable = false;
    const state = { consuming: false };
    const ping = () => (reachable ? Promise.resolve() : Promise.reject(new Error('refused')));
    const server = await startWriterHttp(config, createWriterMetrics(), ping, state, silentLogger);
    if (server === undefined) throw new Error('expected a server');
    const base = server.url.replace(/\/metrics$/, '');
    const get = async (path: string) => {
      const response = await fetch(`${base}${path}`);
      return [response.status, await response.text()];
    };
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      expect((await get('/metrics'))[1]).toContain('danmaku_writer_');
      expect(await get('/healthz')).toEqual([200, 'ok\n']);
      expect(await get('/readyz')).toEqual([503, 'not ready: database, source\n']);
      reachable = true;
      state.consuming = true;
      expect(await get('/readyz')).toEqual([200, 'ready\n']);
    } finally {
      await server.close();
    }
  });

  it('serves nothing when metricsPort is -1', async () => {
    const off = { ...config, metricsPort: -1 };
    const ping = () => Promise.resolve();
    const state = { consuming: true };
    expect(
      await startWriterHttp(off, createWriterMetrics(), ping, state, silentLogger),
    ).toBeUndefined();
  });
});
