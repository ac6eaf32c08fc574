// The Grafana dashboard checked for real: Debian's prometheus scrapes a running `danmaku
// collector` and `danmaku writer` (the CLI commands, in this process) on the simulator and
// Kafka, and every Prometheus panel's query must return data. Both /metrics endpoints pass
// `promtool check metrics`, allowing only prom-client's own default metrics (see
// PROM_CLIENT_DEFAULT_ALLOWLIST and README "Metrics and dashboard").
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '@danmaku/simulator';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freePort, REPO_ROOT, runInProcess, type InProcessRun } from './cli-support.js';
import {
  dashboardTargets,
  dashboardVariables,
  PROM_CLIENT_DEFAULT_ALLOWLIST,
  promtool,
  promtoolCheckMetrics,
  startPrometheus,
  substituteGrafanaVariables,
  type RunningPrometheus,
} from './prometheus-support.js';
import {
  createTopic,
  describeWithTools,
  freshDatabase,
  kafkaClient,
  services,
  uniqueName,
  waitFor,
} from './support/index.js';

// Debian's prometheus and promtool (.ci/run installs them): skipped without them, except in CI.
describeWithTools(
  ['prometheus', 'promtool'],
  ['postgres', 'kafka'],
  'Grafana dashboard against a real Prometheus',
  () => {
    const rawTopic = uniqueName('raw');
    const sessionsTopic = uniqueName('sessions');
    let databaseUrl: string;
    let simulator: Simulator;
    let collector: InProcessRun;
    let writer: InProcessRun;
    let prometheus: RunningPrometheus;
    const metricsUrls: Record<string, string> = {};

    beforeAll(async () => {
      const brokers = services().kafkaBrokers;
      await createTopic(brokers, rawTopic, 2);
      await createTopic(brokers, sessionsTopic, 1);
      databaseUrl = await freshDatabase('prom');
      simulator = await startSimulator({ rooms: [2001, 2002, 2003], listen: { ws: [0], tcp: [] } });
      const [collectorPort, writerPort] = [await freePort(), await freePort()];
      const shared = {
        KAFKA_BROKERS: brokers.join(','),
        KAFKA_RAW_TOPIC: rawTopic,
        KAFKA_SESSIONS_TOPIC: sessionsTopic,
      };
      collector = runInProcess(
        [
          'collector',
          '--rooms',
          '2001,2002',
          '--rooms',
          '2003',
          '--http-port',
          String(collectorPort),
        ],
        {
          ...shared,
          DOUYU_ENDPOINTS: simulator.wsUrl(),
          HEARTBEAT_INTERVAL_MS: '300',
          // Per-room series for one room, for the last-message age panel's room target.
          METRICS_ROOMS: '2001',
          HTTP_HOST: '127.0.0.1',
          LOG_LEVEL: 'warn',
        },
      );
      writer = runInProcess(
        ['writer', '--database-url', databaseUrl, '--metrics-port', String(writerPort)],
        {
          ...shared,
          WRITER_GROUP_ID: uniqueName('group'),
          WRITER_METRICS_HOST: '127.0.0.1',
          WRITER_MAX_WAIT_MS: '100',
        },
      );
      metricsUrls['collector'] = `http://127.0.0.1:${collectorPort}/metrics`;
      metricsUrls['writer'] = `http://127.0.0.1:${writerPort}/metrics`;
      for (const url of Object.values(metricsUrls)) {
        await waitFor(async () => (await fetch(url)).ok, { timeoutMs: 60_000, what: url });
      }
      prometheus = await startPrometheus({
        collector: `127.0.0.1:${collectorPort}`,
        writer: `127.0.0.1:${writerPort}`,
      });
      // Traffic the quiet panels need: a reconnect (every connection dropped once) and a record
      // that cannot be a row (its key is no room id).
      await waitFor(
        async () => (await scrape('writer')).includes('danmaku_writer_rows_written_total{'),
        {
          timeoutMs: 60_000,
          what: 'rows written',
        },
      );
      simulator.dropAll();
      const producer = kafkaClient(brokers).producer();
      await producer.connect();
      await producer.send({
        topic: rawTopic,
        messages: [{ key: 'not-a-room', value: 'type@=chatmsg/' }],
      });
      await producer.disconnect();
    });

    afterAll(async () => {
      collector?.interrupt();
      writer?.interrupt();
      const codes = await Promise.all([collector?.done, writer?.done]);
      await prometheus?.stop();
      await simulator?.close();
      expect(codes, `${collector?.err()}\n${writer?.err()}`).toEqual([0, 0]);
    });

    async function scrape(name: string): Promise<string> {
      return (await fetch(metricsUrls[name] ?? '')).text();
    }

    it('every Prometheus panel of the dashboard returns data', async () => {
      const queries = dashboardTargets().filter((t) => t.datasource === 'prometheus');
      const panels = new Set(queries.map((q) => q.panel));
      expect(panels.size).toBeGreaterThanOrEqual(10);
      let missing: string[] = [];
      await waitFor(
        async () => {
          missing = [];
          for (const { panel, expr } of queries) {
            const result = await prometheus.query(substituteGrafanaVariables(expr ?? ''));
            const finite = result.filter((sample) => Number.isFinite(Number(sample.value[1])));
            if (finite.length === 0) missing.push(`${panel}: ${expr}`);
          }
          return missing.length === 0;
        },
        { timeoutMs: 90_000, intervalMs: 1_000, what: 'data for every panel query' },
      ).catch(() => undefined);
      expect(missing, 'panel queries without data').toEqual([]);
    });

    it('both /metrics carry danmaku_build_info (the bundle stamp) and the process metrics', async () => {
      const { version } = JSON.parse(
        readFileSync(join(REPO_ROOT, 'apps/danmaku/package.json'), 'utf8'),
      ) as {
        version: string;
      };
      const stamp = new RegExp(
        `^danmaku_build_info\\{version="${version.replace(/\./g, '\\.')}",commit="([0-9a-f]{40}|unknown)"\\} 1$`,
        'm',
      );
      for (const name of ['collector', 'writer']) {
        const text = await scrape(name);
        expect(text, name).toMatch(stamp);
        expect(text, name).toMatch(/^process_cpu_user_seconds_total /m);
        expect(text, name).toMatch(/^nodejs_eventloop_lag_seconds /m);
      }
    });

    it('the job and instance variables list both targets (label_values run as PromQL)', async () => {
      const queries = dashboardVariables().filter((v) => v.type === 'query');
      expect(queries.map((v) => v.name)).toEqual(['job', 'instance']);
      for (const variable of queries) {
        // label_values(selector, label) is Grafana's; `group by (label) (selector)` is the same set.
        const match = /^label_values\((.+), (\w+)\)$/.exec(variable.definition ?? '');
        expect(match, variable.name).not.toBeNull();
        const expr = substituteGrafanaVariables(`group by (${match?.[2]}) (${match?.[1]})`);
        const values = (await prometheus.query(expr)).map((r) => r.metric[match?.[2] ?? ''] ?? '');
        const expected =
          variable.name === 'job'
            ? ['collector', 'writer']
            : Object.values(metricsUrls).map((url) => new URL(url).host);
        expect(values.sort(), variable.name).toEqual(expected.sort());
      }
    });

    it('every metric the dashboard and the alert rules name is one the services export', async () => {
      const exported = new Set<string>(['up']);
      for (const name of ['collector', 'writer'])
        for (const match of (await scrape(name)).matchAll(/^# TYPE (\w+) (\w+)$/gm)) {
          const [, metric = '', type] = match;
          exported.add(metric);
          if (type === 'histogram')
            for (const suffix of ['_bucket', '_sum', '_count']) exported.add(metric + suffix);
        }
      const alertRules = readFileSync(join(REPO_ROOT, 'deploy/prometheus/alerts.yml'), 'utf8');
      const used = [
        ...dashboardTargets().map((t) => t.expr ?? ''),
        ...dashboardVariables().map((v) => v.definition ?? ''),
        alertRules,
      ].flatMap((text) => [...text.matchAll(/\b(danmaku_\w+|up)(?=\{|\[|\)| )/g)].map((m) => m[1]));
      expect(used.length).toBeGreaterThan(20);
      for (const metric of new Set(used)) expect([...exported], metric).toContain(metric);
    });

    it('both /metrics pass promtool check metrics (allowlist: prom-client defaults only)', async () => {
      for (const name of ['collector', 'writer']) {
        const { status, problems } = promtoolCheckMetrics(await scrape(name));
        if (problems.length === 0) expect(status, name).toBe(0);
        const flagged = problems.map((line) => line.split(' ')[0] ?? '');
        expect(
          flagged.filter((metric) => !PROM_CLIENT_DEFAULT_ALLOWLIST.includes(metric)),
          name,
        ).toEqual([]);
        expect(
          flagged.every((metric) => metric.startsWith('nodejs_')),
          name,
        ).toBe(true);
      }
    });

    it('the coverage-gaps panel query runs on PostgreSQL and shows the dropped connections', async () => {
      const [target] = dashboardTargets().filter((t) => t.rawSql !== undefined);
      const sql = (target?.rawSql ?? '').replace(
        /\$__timeFilter\((\w+)\)/g,
        "$1 BETWEEN now() - interval '1 hour' AND now() + interval '1 minute'",
      );
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        const rows = await waitFor(
          async () => {
            const result = await client.query<{ room: number }>(sql);
            return result.rows.length >= 3 ? result.rows : undefined;
          },
          { timeoutMs: 30_000, what: 'a coverage gap per room' },
        );
        expect(new Set((rows ?? []).map((row) => row.room))).toEqual(new Set([2001, 2002, 2003]));
      } finally {
        await client.end();
      }
    });

    it('promtool accepts the compose Prometheus config and every panel query as a rule', () => {
      const config = promtool([
        'check',
        'config',
        join(REPO_ROOT, 'deploy/prometheus/prometheus.yml'),
      ]);
      expect(config.status, config.output).toBe(0);
      const dir = mkdtempSync(join(tmpdir(), 'danmaku-rules-'));
      try {
        const rules = dashboardTargets()
          .filter((t) => t.expr !== undefined)
          .map(
            (t, i) =>
              `      - record: danmaku:panel_${i}\n        expr: ${JSON.stringify(substituteGrafanaVariables(t.expr ?? ''))}`,
          );
        const file = join(dir, 'rules.yml');
        writeFileSync(file, `groups:\n  - name: dashboard\n    rules:\n${rules.join('\n')}\n`);
        const checked = promtool(['check', 'rules', file]);
        expect(checked.status, checked.output).toBe(0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  },
);
