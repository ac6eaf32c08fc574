import { metricValue } from '../../collector-support.js';
import { waitFor } from '../../support/index.js';
import type { ServiceProcess } from './processes.js';

/** A collector process's /metrics, found from its `collector started` log line (HTTP_PORT=0). */
export interface CollectorHttp {
  url: string;
  scrape(): Promise<string>;
  metric(name: string, labels?: string): Promise<number>;
}

export async function collectorHttp(proc: ServiceProcess): Promise<CollectorHttp> {
  const line = await proc.waitForLine(/collector started/);
  const url = /"http":"([^"]+)"/.exec(line)?.[1];
  if (url === undefined) throw new Error(`no http url in: ${line} (LOG_LEVEL must be info)`);
  const scrape = async (): Promise<string> => (await fetch(`${url}/metrics`)).text();
  return { url, scrape, metric: async (name, labels) => metricValue(await scrape(), name, labels) };
}

/** Waits until the collector holds no logged-in session (it saw every close). */
export async function waitNoneJoined(http: CollectorHttp, describe: () => string): Promise<void> {
  await waitFor(async () => (await http.metric('danmaku_collector_rooms_joined')) === 0, {
    timeoutMs: 60_000,
    what: 'collector saw every session close',
  }).catch(async (error: unknown) => {
    const joined = await http.metric('danmaku_collector_rooms_joined');
    throw new Error(`${String(error)} (rooms_joined ${joined}; ${describe()})`);
  });
}

/** Collector-side close reasons, from its `room connection closed` log lines (the last ones kept). */
export function collectorCloseReasons(lines: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const line of lines) {
    const reason = /"msg":"room connection closed".*"reason":"([^"]+)"/.exec(line)?.[1];
    if (reason !== undefined) counts[reason] = (counts[reason] ?? 0) + 1;
  }
  return counts;
}
