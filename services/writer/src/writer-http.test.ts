import { silentLogger } from '@danmaku/runtime';
import { describe, expect, it } from 'vitest';
import { parseWriterConfig } from './config.js';
import { createWriterMetrics } from './metrics.js';
import { startWriterHttp } from './writer-http.js';
import { WriterReadiness } from './writer-readiness.js';

const config = parseWriterConfig({ mode: 'embedded', metricsPort: 0, metricsHost: '127.0.0.1' });

describe('startWriterHttp', () => {
  it('is ready when the database answers, the source consumes and the group is joined', async () => {
    let reachable = false;
    let member = false;
    const ping = () => (reachable ? Promise.resolve() : Promise.reject(new Error('refused')));
    const readiness = new WriterReadiness({ ping, logger: silentLogger });
    readiness.groupMember = () => member;
    const server = await startWriterHttp(
      config,
      createWriterMetrics(),
      readiness.checks(),
      silentLogger,
    );
    if (server === undefined) throw new Error('expected a server');
    const base = server.url.replace(/\/metrics$/, '');
    const get = async (path: string) => {
      const response = await fetch(`${base}${path}`);
      return [response.status, await response.text()];
    };
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      const scrape = (await get('/metrics'))[1];
      expect(scrape).toContain('danmaku_writer_');
      expect(scrape).toMatch(/^danmaku_build_info\{version="[^"]+",commit="[^"]+"\} 1$/m);
      expect(await get('/healthz')).toEqual([200, 'ok\n']);
      await readiness.probe();
      expect(await get('/readyz')).toEqual([503, 'not ready: database, source, group\n']);
      reachable = true;
      await readiness.probe();
      readiness.consuming = true;
      member = true;
      expect(await get('/readyz')).toEqual([200, 'ready\n']);
    } finally {
      await server.close();
    }
  });

  it('serves nothing when metricsPort is -1', async () => {
    const off = { ...config, metricsPort: -1 };
    expect(await startWriterHttp(off, createWriterMetrics(), [], silentLogger)).toBeUndefined();
  });
});
