import { describe, expect, it } from 'vitest';
import { startHttpServer } from './http-server.js';
import { silentLogger } from './logger.js';

describe('startHttpServer', () => {
  it('serves /metrics, /healthz and /readyz from callbacks', async () => {
    let ready = false;
    let healthy = true;
    let broken = false;
    const server = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      metrics: {
        contentType: 'text/plain; version=0.0.4',
        metrics: () => (broken ? Promise.reject(new Error('no')) : Promise.resolve('up 1\n')),
      },
      readiness: [
        { name: 'source', ok: () => ready },
        { name: 'database', ok: () => Promise.resolve(true) },
      ],
      health: [{ name: 'process', ok: () => healthy }],
      logger: silentLogger,
    });
    const get = async (path: string, method = 'GET') => {
      const response = await fetch(`${server.url}${path}`, { method });
      return [response.status, await response.text()];
    };
    try {
      expect(await get('/metrics')).toEqual([200, 'up 1\n']);
      expect(await get('/healthz')).toEqual([200, 'ok\n']);
      expect(await get('/readyz')).toEqual([503, 'not ready: source\n']);
      ready = true;
      expect(await get('/readyz?verbose')).toEqual([200, 'ready\n']);
      healthy = false;
      expect(await get('/healthz')).toEqual([503, 'unhealthy: process\n']);
      broken = true;
      expect(await get('/metrics')).toEqual([500, 'metrics collection failed\n']);
      expect((await get('/nope'))[0]).toBe(404);
      expect((await get('/metrics', 'POST'))[0]).toBe(405);
    } finally {
      await server.close();
    }
  });

  it('counts a check that throws as failing', async () => {
    const server = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      metrics: { contentType: 'text/plain', metrics: () => Promise.resolve('') },
      readiness: [
        {
          name: 'database',
          ok: () => {
            throw new Error('down');
          },
        },
      ],
      logger: silentLogger,
    });
    try {
      const response = await fetch(`${server.url}/readyz`);
      expect([response.status, await response.text()]).toEqual([503, 'not ready: database\n']);
    } finally {
      await server.close();
    }
  });
});
