import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from './logger.js';
import { processMetrics } from './process-metrics.js';

/** One named condition of /readyz or /healthz; a check that throws counts as failing. */
export interface HealthCheck {
  /** Short name shown in the response body when it fails. */
  name: string;
  ok(): boolean | Promise<boolean>;
}

/**
 * What /metrics serves after the process metrics (processMetrics: build info, prom-client
 * defaults); a prom-client Registry is one (structurally). It must not register those itself.
 */
export interface MetricsSource {
  readonly contentType: string;
  metrics(): Promise<string>;
}

export interface HttpServerOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  metrics: MetricsSource;
  /** All must pass for /readyz to answer 200. */
  readiness: readonly HealthCheck[];
  /** All must pass for /healthz to answer 200; none = the process serves requests. */
  health?: readonly HealthCheck[];
  logger: Logger;
}

export interface RunningHttpServer {
  readonly port: number;
  /** Base URL, e.g. `http://127.0.0.1:9464` (a wildcard host is shown as 127.0.0.1). */
  readonly url: string;
  close(): Promise<void>;
}

/** /metrics, /healthz and /readyz on node:http; nothing else (405 for other methods, else 404). */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const server = createServer((req, res) => void respond(options, req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
  return {
    port,
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function respond(
  options: HttpServerOptions,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const path = (req.url ?? '/').split('?')[0];
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
  } else if (path === '/metrics') {
    try {
      const body = await metricsBody(options.metrics);
      res.writeHead(200, { 'content-type': options.metrics.contentType }).end(body);
    } catch (error) {
      options.logger.error('metrics collection failed', { error });
      res.writeHead(500).end('metrics collection failed\n');
    }
  } else if (path === '/healthz') {
    const failing = await failingChecks(options.health ?? []);
    send(res, failing, 'ok\n', 'unhealthy');
  } else if (path === '/readyz') {
    send(res, await failingChecks(options.readiness), 'ready\n', 'not ready');
  } else {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
  }
}

/** The process metrics and the service's, when both speak the same exposition format. */
async function metricsBody(source: MetricsSource): Promise<string> {
  const own = await source.metrics();
  const registry = processMetrics();
  if (registry.contentType !== source.contentType) return own;
  const shared = await registry.metrics();
  return `${shared}${shared.endsWith('\n') ? '' : '\n'}${own}`;
}

function send(res: ServerResponse, failing: string[], okBody: string, label: string): void {
  const body = failing.length === 0 ? okBody : `${label}: ${failing.join(', ')}\n`;
  res.writeHead(failing.length === 0 ? 200 : 503, { 'content-type': 'text/plain' }).end(body);
}

async function failingChecks(checks: readonly HealthCheck[]): Promise<string[]> {
  const results = await Promise.all(
    checks.map(async (check) => {
      try {
        return (await check.ok()) ? undefined : check.name;
      } catch {
        return check.name;
      }
    }),
  );
  return results.filter((name): name is string => name !== undefined);
}
