// A real Prometheus (Debian's `prometheus` package, installed by .ci/run) on a free port, and
// the dashboard's queries in the form Prometheus and promtool accept.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, REPO_ROOT } from './cli-support.js';
import { waitFor } from './support/index.js';

export interface PanelTarget {
  panel: string;
  datasource: string;
  expr?: string;
  rawSql?: string;
}

interface DashboardPanel {
  title: string;
  datasource?: { type?: string; uid?: string };
  targets?: Array<{ expr?: string; rawSql?: string; datasource?: { type?: string } }>;
}

export const DASHBOARD_PATH = join(REPO_ROOT, 'grafana/dashboards/danmaku.json');

export function dashboardTargets(): PanelTarget[] {
  const dashboard = JSON.parse(readFileSync(DASHBOARD_PATH, 'utf8')) as {
    panels: DashboardPanel[];
  };
  return dashboard.panels.flatMap((panel) =>
    (panel.targets ?? []).map((target) => ({
      panel: panel.title,
      datasource: target.datasource?.type ?? panel.datasource?.type ?? '',
      ...(target.expr === undefined ? {} : { expr: target.expr }),
      ...(target.rawSql === undefined ? {} : { rawSql: target.rawSql }),
    })),
  );
}

interface TemplateVariable {
  name: string;
  type: string;
  allValue?: string;
  definition?: string;
}

/** The dashboard's template variables (datasource, postgres, job, instance). */
export function dashboardVariables(): TemplateVariable[] {
  const dashboard = JSON.parse(readFileSync(DASHBOARD_PATH, 'utf8')) as {
    templating: { list: TemplateVariable[] };
  };
  return dashboard.templating.list;
}

/**
 * Grafana's variables, as Grafana would fill them for a 1 s scrape interval:
 * $__rate_interval is at least four scrape intervals, and the dashboard's query variables
 * ($job, $instance) hold "All", which Grafana writes as their allValue (a regex).
 */
export function substituteGrafanaVariables(expr: string): string {
  let filled = expr
    .replaceAll('$__rate_interval', '15s')
    .replaceAll('$__interval', '5s')
    .replaceAll('$__range', '5m');
  for (const variable of dashboardVariables()) {
    if (variable.type !== 'query') continue;
    const all = variable.allValue ?? '.*';
    filled = filled.replaceAll(`\${${variable.name}}`, all).replaceAll(`$${variable.name}`, all);
  }
  return filled;
}

export interface RunningPrometheus {
  url: string;
  query(expr: string): Promise<Array<{ metric: Record<string, string>; value: [number, string] }>>;
  stop(): Promise<void>;
}

/** Starts `prometheus` scraping the given targets every second. */
export async function startPrometheus(targets: Record<string, string>): Promise<RunningPrometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'danmaku-prom-'));
  const jobs = Object.entries(targets)
    .map(
      ([job, target]) =>
        `  - job_name: ${job}\n    static_configs:\n      - targets: ['${target}']`,
    )
    .join('\n');
  writeFileSync(
    join(dir, 'prometheus.yml'),
    `global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:\n${jobs}\n`,
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    'prometheus',
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`prometheus exited: ${log}`);
      return (await fetch(`${url}/-/ready`)).ok;
    },
    { timeoutMs: 60_000, what: `prometheus ready at ${url}` },
  );
  return {
    url,
    async query(expr) {
      const response = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(expr)}`);
      const body = (await response.json()) as {
        status: string;
        error?: string;
        data?: {
          resultType: string;
          result: Array<{ metric: Record<string, string>; value: [number, string] }>;
        };
      };
      if (body.status !== 'success') throw new Error(`${expr}: ${body.error ?? response.status}`);
      return body.data?.result ?? [];
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * prom-client's own default metrics that `promtool check metrics` flags: gauges named `_total`
 * (measured with prom-client 15.1.3 and promtool 2.42). Nothing of ours may be in this list.
 */
export const PROM_CLIENT_DEFAULT_ALLOWLIST = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];

/** `promtool check metrics` on a scrape: the problems it reports, one per line. */
export function promtoolCheckMetrics(scrape: string): {
  status: number | null;
  problems: string[];
} {
  const result = spawnSync('promtool', ['check', 'metrics'], { input: scrape, encoding: 'utf8' });
  const problems = `${result.stdout}\n${result.stderr}`
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return { status: result.status, problems };
}

export function promtool(args: readonly string[]): { status: number | null; output: string } {
  const result = spawnSync('promtool', args, { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}
