// docker-compose.yml, the Dockerfile, Prometheus and Grafana provisioning checked statically
// (no Docker engine on the development and CI machines): the file parses, every env var the
// stack sets is a real setting with a valid value, ports, hosts and topics agree, and the stack
// keeps its data (named volumes, Redis AOF), restarts, stops gracefully and has health checks.
// `${VAR}` references are filled from .env.example the way compose fills them from .env.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  allFields,
  loadCollectorSettings,
  loadWriterSettings,
  readConfigFile,
  type SettingSources,
} from '@danmaku/cli';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from './cli-support.js';
import { dashboardTargets } from './prometheus-support.js';

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  entrypoint?: string[];
  environment?: Record<string, string | number>;
  ports?: string[];
  expose?: string[];
  volumes?: string[];
  deploy?: { replicas?: number };
  depends_on?: Record<string, { condition: string }> | string[];
  restart?: string;
  stop_grace_period?: string;
  healthcheck?: { test?: string[]; disable?: boolean };
}

const read = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8');
const yamlOf = <T>(path: string) => parse(read(path), { merge: true }) as T;
const compose = yamlOf<{ services: Record<string, Service>; volumes?: Record<string, unknown> }>(
  'docker-compose.yml',
);
const services = compose.services;
const ONE_SHOTS = ['topics', 'migrate'];
const dotEnv = new Map(
  read('.env.example')
    .split('\n')
    .filter((line) => /^[A-Z_][A-Z0-9_]*=/.test(line))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
);
const REFERENCE = /\$\{([A-Z_][A-Z0-9_]*)(?:(:?[-?])([^}]*))?\}/g;

/** Compose interpolation, with .env.example standing in for .env: `${V}`, `${V:?msg}`, `${V:-d}`. */
function interpolate(value: string): string {
  return value.replace(REFERENCE, (_, name: string, operator?: string, argument?: string) => {
    const found = dotEnv.get(name);
    if (found !== undefined && found !== '') return found;
    if (operator?.endsWith('-')) return argument ?? '';
    throw new Error(`\${${name}} is not in .env.example`);
  });
}

/** Seconds of a compose duration (`30s`, `1m30s`). */
function seconds(duration: string | undefined): number {
  let total = 0;
  for (const [, amount, unit] of (duration ?? '').matchAll(/(\d+)(h|m|s)/g))
    total += Number(amount) * { h: 3600, m: 60, s: 1 }[unit as 'h' | 'm' | 's'];
  return total;
}
const service = (name: string): Service => {
  const found = services[name];
  if (found === undefined) throw new Error(`no service ${name}`);
  return found;
};
const env = (name: string): Record<string, string> =>
  Object.fromEntries(
    Object.entries(service(name).environment ?? {}).map(([k, v]) => [k, interpolate(String(v))]),
  );
const ours = Object.entries(services).filter(
  ([, s]) => s.build?.dockerfile === 'deploy/Dockerfile',
);

function sources(environment: Record<string, string>): SettingSources {
  return { env: environment, file: readConfigFile(undefined, []), flags: {} };
}

describe('docker-compose.yml', () => {
  it('has the whole stack: infrastructure, one-shots, 2 collectors, writer, monitoring', () => {
    for (const name of [
      'kafka',
      'postgres',
      'redis',
      'prometheus',
      'grafana',
      'topics',
      'migrate',
      'collector',
      'writer',
    ]) {
      expect(services[name], name).toBeDefined();
    }
    expect(service('kafka').image).toMatch(/^apache\/kafka:/);
    expect(service('collector').deploy?.replicas).toBe(2);
    expect(service('migrate').restart).toBe('no');
    expect(service('writer').depends_on).toMatchObject({
      migrate: { condition: 'service_completed_successfully' },
    });
    expect(ours.map(([name]) => name).sort()).toEqual(['collector', 'migrate', 'writer']);
  });

  it('every env var set on our services is a setting, and its value is valid', () => {
    const known = new Set([...allFields().values()].map((field) => field.env));
    for (const [name, s] of ours) {
      for (const key of Object.keys(s.environment ?? {}))
        expect(known, `${name}: ${key}`).toContain(key);
      const command = s.command?.[0];
      const environment = env(name);
      const problems =
        command === 'collector'
          ? loadCollectorSettings(sources(environment)).problems
          : loadWriterSettings(sources(environment), {
              mode: command === 'writer' ? 'kafka' : 'embedded',
            }).problems;
      expect(problems, name).toEqual([]);
      expect(['collector', 'writer', 'migrate'], name).toContain(command);
    }
  });

  it('Kafka, PostgreSQL and Redis addresses point at the services and their ports', () => {
    const advertised = String(service('kafka').environment?.['KAFKA_ADVERTISED_LISTENERS']);
    const internal = /PLAINTEXT:\/\/([^,]+)/.exec(advertised)?.[1];
    expect(internal).toBe('kafka:19092');
    for (const name of ['collector', 'writer'])
      expect(env(name)['KAFKA_BROKERS'], name).toBe(internal);
    expect(service('topics').command?.join(' ')).toContain(`--bootstrap-server ${internal}`);
    const database = new URL(env('writer')['DATABASE_URL'] ?? '');
    expect([database.hostname, database.port]).toEqual(['postgres', '5432']);
    expect(env('migrate')['DATABASE_URL']).toBe(env('writer')['DATABASE_URL']);
    const init = service('postgres').volumes?.find((v) => v.includes('docker-entrypoint-initdb.d'));
    expect(read((init ?? '').split(':')[0] ?? '')).toContain(
      `CREATE DATABASE ${database.pathname.slice(1)};`,
    );
    expect(env('collector')['REDIS_URL']).toBe('redis://redis:6379');
  });

  it('topic names agree between collector, writer and the topic creator', () => {
    const collector = env('collector');
    const writer = env('writer');
    const created = service('topics').command?.join(' ') ?? '';
    for (const key of ['KAFKA_RAW_TOPIC', 'KAFKA_SESSIONS_TOPIC']) {
      expect(collector[key], key).toBe(writer[key]);
      expect(created, key).toContain(collector[key]);
    }
  });

  it('host ports are unique and local-only', () => {
    const host = Object.values(services).flatMap((s) => s.ports ?? []);
    expect(new Set(host).size).toBe(host.length);
    for (const port of host) expect(port).toMatch(/^127\.0\.0\.1:\d+:\d+$/);
  });
});

describe('docker-compose.yml keeps its data and runs unattended', () => {
  const named = (name: string, target: string) =>
    (service(name).volumes ?? []).find((v) => v.endsWith(`:${target}`))?.split(':')[0];

  it('PostgreSQL, Kafka, Redis and Prometheus keep their data on named volumes', () => {
    const kafkaLog = env('kafka')['KAFKA_LOG_DIRS'];
    expect(kafkaLog, 'the image default is under /tmp in the container').toBe(
      '/var/lib/kafka/data',
    );
    const volumes: Array<[string, string]> = [
      ['postgres', '/var/lib/postgresql/data'],
      ['kafka', kafkaLog ?? ''],
      ['redis', '/data'],
      ['prometheus', '/prometheus'],
    ];
    for (const [name, target] of volumes) {
      const volume = named(name, target);
      // A named volume: declared at the top level, not a host path (./…) or anonymous.
      expect(volume, `${name}: a volume at ${target}`).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(Object.keys(compose.volumes ?? {}), name).toContain(volume);
    }
    // KRaft checks the cluster id of the stored log on every start: it must not change.
    expect(env('kafka')['CLUSTER_ID']).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(service('prometheus').command).toContain('--storage.tsdb.path=/prometheus');
  });

  it('Redis writes an append-only file every second and never evicts (BullMQ)', () => {
    const command = (service('redis').command ?? []).join(' ');
    expect(command).toContain('--appendonly yes');
    expect(command).toContain('--appendfsync everysec');
    expect(command).toContain('--maxmemory-policy noeviction');
  });

  it('every service has a restart policy; the one-shots never restart', () => {
    for (const [name, s] of Object.entries(services)) {
      const expected = ONE_SHOTS.includes(name)
        ? ['no', 'on-failure']
        : ['unless-stopped', 'always'];
      expect(expected, `${name}: restart ${s.restart}`).toContain(s.restart?.split(':')[0]);
    }
  });

  it('stop_grace_period outlasts the shutdown bounds (Docker kills after 10 s by default)', () => {
    const collector = loadCollectorSettings(sources(env('collector')));
    expect(collector.problems).toEqual([]);
    // run-collector.ts gives up 2 s after SHUTDOWN_TIMEOUT_MS; Docker must not kill it before.
    const shutdownMs = Number(env('collector')['SHUTDOWN_TIMEOUT_MS']);
    expect(shutdownMs).toBeGreaterThan(0);
    expect(seconds(service('collector').stop_grace_period) * 1000).toBeGreaterThan(
      shutdownMs + 2_000,
    );
    // The writer has no shutdown setting: it commits the batch in flight and leaves the group.
    expect(seconds(service('writer').stop_grace_period)).toBeGreaterThanOrEqual(30);
    for (const name of ['kafka', 'postgres'])
      expect(seconds(service(name).stop_grace_period), name).toBeGreaterThanOrEqual(30);
    for (const [name, s] of Object.entries(services))
      if (!ONE_SHOTS.includes(name)) expect(seconds(s.stop_grace_period), name).toBeGreaterThan(10);
  });

  it('every long-running service has a healthcheck; the one-shots disable the image one', () => {
    for (const [name, s] of Object.entries(services)) {
      if (ONE_SHOTS.includes(name)) expect(s.healthcheck, name).toEqual({ disable: true });
      else expect(s.healthcheck?.test?.[0], name).toBe('CMD');
    }
    const probe = (name: string) => (service(name).healthcheck?.test ?? []).join(' ');
    expect(probe('collector')).toContain(`127.0.0.1:${env('collector')['HTTP_PORT']}/readyz`);
    expect(probe('writer')).toContain(`127.0.0.1:${env('writer')['WRITER_METRICS_PORT']}/readyz`);
    expect(probe('prometheus')).toContain('127.0.0.1:9090/-/healthy');
    expect(probe('grafana')).toContain('127.0.0.1:3000/api/health');
    // Over TCP, so the entrypoint's socket-only init server does not count as ready.
    expect(probe('postgres')).toContain('-h 127.0.0.1');
  });
});

describe('secrets come from .env', () => {
  const composeText = read('docker-compose.yml');
  const referenced = [...composeText.matchAll(REFERENCE)].map((m) => m[1] ?? '');

  it('PostgreSQL requires a password from .env; the URLs carry the same one', () => {
    const raw = service('postgres').environment ?? {};
    expect(String(raw['POSTGRES_PASSWORD'])).toMatch(/^\$\{POSTGRES_PASSWORD:\?.+\}$/);
    expect(raw['POSTGRES_HOST_AUTH_METHOD']).toBeUndefined();
    for (const name of ['writer', 'migrate']) {
      const url = new URL(env(name)['DATABASE_URL'] ?? '');
      expect(decodeURIComponent(url.password), name).toBe(dotEnv.get('POSTGRES_PASSWORD'));
    }
    expect(String(service('grafana').environment?.['GF_SECURITY_ADMIN_PASSWORD'])).toMatch(
      /^\$\{GRAFANA_ADMIN_PASSWORD:\?.+\}$/,
    );
  });

  it('.env.example defines every variable the file uses, and only .env is git-ignored', () => {
    expect(referenced.length).toBeGreaterThan(0);
    for (const name of referenced) expect([...dotEnv.keys()], name).toContain(name);
    for (const [name, value] of dotEnv) {
      expect(referenced, `${name} is used`).toContain(name);
      // URL-safe, so that it can go into postgres:// URLs unescaped.
      expect(value, name).toMatch(/^[A-Za-z0-9._-]+$/);
    }
    const ignored = (path: string) =>
      spawnSync('git', ['check-ignore', '-q', path], { cwd: REPO_ROOT }).status === 0;
    expect(ignored('.env')).toBe(true);
    expect(ignored('.env.example')).toBe(false);
  });

  it('Grafana reads PostgreSQL as a read-only role that the init script creates', () => {
    const datasource = yamlOf<{
      datasources: Array<{ uid: string; user?: string; secureJsonData?: { password?: string } }>;
    }>('grafana/provisioning/datasources/danmaku.yaml').datasources.find(
      (d) => d.uid === 'postgres',
    );
    const role = datasource?.user ?? '';
    expect(role).not.toBe('postgres');
    expect(role).toMatch(/^[a-z_]+$/);
    const mounts = service('postgres').volumes ?? [];
    const init = mounts
      .filter((v) => v.includes(':/docker-entrypoint-initdb.d/'))
      .map((v) => ({ file: v.split(':')[0] ?? '', as: v.split(':')[1] ?? '' }));
    const script = init.find((m) => m.file.endsWith('.sh'));
    const database = init.find((m) => m.file.endsWith('.sql'));
    expect(script, 'a .sh init script').toBeDefined();
    // The entrypoint runs them in name order: the database first, then the role in it.
    expect([database?.as, script?.as].sort()).toEqual([database?.as, script?.as]);
    const sh = read(script?.file ?? '');
    // test/postgres-grafana-reader.test.ts runs the script; here: the names agree.
    expect(sh).toContain(`\${GRAFANA_DB_USER:-${role}}`);
    const databaseName = new URL(env('writer')['DATABASE_URL'] ?? '').pathname.slice(1);
    expect(sh).toContain(`\${DANMAKU_DATABASE:-${databaseName}}`);
    expect(sh).not.toMatch(/GRANT (ALL|INSERT|UPDATE|DELETE)|pg_write_all_data|SUPERUSER/i);
    // The password: from the environment into psql's stdin, the same in both containers.
    expect(sh).toContain('"$GRAFANA_DB_PASSWORD"');
    expect(datasource?.secureJsonData?.password).toBe('$GRAFANA_DB_PASSWORD');
    expect(env('grafana')['GRAFANA_DB_PASSWORD']).toBe(dotEnv.get('GRAFANA_DB_PASSWORD'));
    expect(env('postgres')['GRAFANA_DB_PASSWORD']).toBe(dotEnv.get('GRAFANA_DB_PASSWORD'));
    const mode = spawnSync('git', ['ls-files', '-s', script?.file ?? ''], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    }).stdout;
    expect(mode, 'executable, so the entrypoint runs it instead of sourcing it').toMatch(/^100755/);
  });
});

describe('Prometheus and Grafana provisioning', () => {
  const prometheus = yamlOf<{
    rule_files?: string[];
    scrape_configs: Array<{
      job_name: string;
      static_configs?: Array<{ targets: string[] }>;
      dns_sd_configs?: Array<{ names: string[]; port: number }>;
    }>;
  }>('deploy/prometheus/prometheus.yml');

  it('scrapes every collector replica and the writer on their metrics ports', () => {
    const jobs = new Map(prometheus.scrape_configs.map((job) => [job.job_name, job]));
    const collectorSd = jobs.get('danmaku-collector')?.dns_sd_configs?.[0];
    expect(collectorSd?.names).toEqual(['collector']);
    expect(String(collectorSd?.port)).toBe(env('collector')['HTTP_PORT']);
    expect(service('collector').expose).toContain(env('collector')['HTTP_PORT']);
    expect(jobs.get('danmaku-writer')?.static_configs?.[0]?.targets).toEqual([
      `writer:${env('writer')['WRITER_METRICS_PORT']}`,
    ]);
    expect(service('writer').expose).toContain(env('writer')['WRITER_METRICS_PORT']);
    expect(service('prometheus').volumes).toContain(
      './deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro',
    );
  });

  it('loads the alert rules, mounted beside the config (rule_files are relative to it)', () => {
    expect(prometheus.rule_files).toEqual(['alerts.yml']);
    expect(service('prometheus').volumes).toContain(
      './deploy/prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro',
    );
    expect(service('prometheus').command).toContain('--config.file=/etc/prometheus/prometheus.yml');
  });

  it('Grafana provisions both datasources and the dashboard folder that compose mounts', () => {
    const datasources = yamlOf<{
      datasources: Array<{
        uid: string;
        type: string;
        url: string;
        jsonData?: { database?: string };
      }>;
    }>('grafana/provisioning/datasources/danmaku.yaml').datasources;
    const byUid = new Map(datasources.map((d) => [d.uid, d]));
    expect(byUid.get('prometheus')?.url).toBe('http://prometheus:9090');
    expect(service('prometheus').ports).toContain('127.0.0.1:9090:9090');
    const postgres = byUid.get('postgres');
    const database = new URL(env('writer')['DATABASE_URL'] ?? '');
    expect(postgres?.url).toBe(`${database.hostname}:${database.port}`);
    expect(postgres?.jsonData?.database).toBe(database.pathname.slice(1));
    const providers = yamlOf<{ providers: Array<{ options: { path: string } }> }>(
      'grafana/provisioning/dashboards/danmaku.yaml',
    ).providers;
    const mounts = service('grafana').volumes ?? [];
    expect(mounts).toContain(`./grafana/dashboards:${providers[0]?.options.path}:ro`);
    expect(mounts).toContain('./grafana/provisioning:/etc/grafana/provisioning:ro');
    const types = new Map(datasources.map((d) => [d.type, d.uid]));
    for (const target of dashboardTargets())
      expect(types.has(target.datasource), target.panel).toBe(true);
  });

  interface Dashboard {
    uid: string;
    __inputs: Array<{ name: string; type: string; pluginId: string }>;
    __requires: Array<{ type: string; id: string }>;
    templating: {
      list: Array<{
        name: string;
        type: string;
        query?: unknown;
        allValue?: string;
        current?: { value?: unknown };
      }>;
    };
    panels: Array<{
      id: number;
      type: string;
      title: string;
      gridPos: object;
      datasource?: { type?: string; uid?: string };
      fieldConfig?: {
        defaults?: { unit?: string; thresholds?: { steps: unknown[] } };
        overrides?: unknown[];
      };
      targets: Array<{ expr?: string; datasource?: { type?: string; uid?: string } }>;
    }>;
  }
  const dashboardText = read('grafana/dashboards/danmaku.json');
  const dashboard = JSON.parse(dashboardText) as Dashboard;

  it('the dashboard has every panel the operators asked for', () => {
    expect(dashboard.uid).toBeTruthy();
    const ids = dashboard.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const titles = dashboard.panels.map((p) => p.title.toLowerCase()).join('\n');
    for (const wanted of [
      'messages/s by type',
      'rooms active',
      'reconnects',
      'heartbeat rtt p99',
      'lateness',
      'kafka send latency',
      'consumer lag',
      'rows/s by table',
      'ingest latency p50 and p99',
      'ingest errors',
      'coverage gaps',
      'drops and backpressure',
      'kafka send errors',
      'db retries',
      'expired records',
      'last-message age',
    ]) {
      expect(titles, wanted).toContain(wanted);
    }
    for (const panel of dashboard.panels)
      expect(panel.targets.length, panel.title).toBeGreaterThan(0);
  });

  it('has datasource, job and instance variables, and every query filters on job and instance', () => {
    const variables = new Map(dashboard.templating.list.map((v) => [v.name, v]));
    expect(variables.get('datasource')).toMatchObject({ type: 'datasource', query: 'prometheus' });
    expect(variables.get('postgres')).toMatchObject({
      type: 'datasource',
      query: 'grafana-postgresql-datasource',
    });
    for (const name of ['job', 'instance'])
      expect(variables.get(name), name).toMatchObject({ type: 'query', allValue: '.+' });
    const prometheusTargets = dashboardTargets().filter((t) => t.datasource === 'prometheus');
    for (const { panel, expr } of prometheusTargets) {
      // Every metric selector carries both filters (so "All" and a single pick both work).
      const selectors = [...(expr ?? '').matchAll(/\b(danmaku_\w+)(\{[^}]*\})?/g)];
      expect(selectors.length, panel).toBeGreaterThan(0);
      for (const [, metric, labels] of selectors) {
        expect(labels, `${panel}: ${metric}`).toContain('job=~"$job"');
        expect(labels, `${panel}: ${metric}`).toContain('instance=~"$instance"');
      }
    }
  });

  it('every panel has a unit, and the operator panels have thresholds', () => {
    const units = new Set<string>();
    for (const panel of dashboard.panels) {
      if (panel.type === 'table') continue;
      const unit = panel.fieldConfig?.defaults?.unit;
      expect(unit, panel.title).toBeTruthy();
      units.add(unit ?? '');
    }
    for (const unit of ['mps', 's', 'bytes', 'Bps']) expect([...units], unit).toContain(unit);
    const byTitle = new Map(dashboard.panels.map((p) => [p.title.toLowerCase(), p]));
    for (const title of [
      'drops and backpressure',
      'kafka send errors',
      'db retries',
      'expired records',
      'last-message age',
      'consumer lag',
    ]) {
      const steps = byTitle.get(title)?.fieldConfig?.defaults?.thresholds?.steps ?? [];
      expect(steps.length, title).toBeGreaterThan(1);
    }
  });

  it('imports through __inputs and still works provisioned (datasource variables)', () => {
    // Grafana's file provisioning does not resolve __inputs, and a panel whose datasource uid
    // is a literal ${DS_PROMETHEUS} would find no datasource. So panels name their datasource
    // through the variables `datasource` and `postgres`; only those variables' current values
    // are the inputs. Imported, Grafana replaces ${DS_...} with the datasources picked in the
    // dialog; provisioned, the unresolved value matches no datasource and Grafana selects the
    // first one of the variable's type, which is the provisioned one. One file serves both.
    const inputs = new Map(dashboard.__inputs.map((i) => [i.name, i]));
    expect(inputs.get('DS_PROMETHEUS')).toMatchObject({
      type: 'datasource',
      pluginId: 'prometheus',
    });
    expect(inputs.get('DS_POSTGRESQL')).toMatchObject({
      type: 'datasource',
      pluginId: 'grafana-postgresql-datasource',
    });
    const requires = dashboard.__requires.map((r) => `${r.type}:${r.id}`);
    for (const panel of dashboard.panels)
      expect(requires, panel.title).toContain(`panel:${panel.type}`);
    for (const input of dashboard.__inputs)
      expect(requires, input.name).toContain(`datasource:${input.pluginId}`);
    expect(requires).toContain('grafana:grafana');
    const variableOf = {
      prometheus: '${datasource}',
      'grafana-postgresql-datasource': '${postgres}',
    };
    for (const panel of dashboard.panels) {
      for (const source of [panel.datasource, ...panel.targets.map((t) => t.datasource)]) {
        const type = source?.type as keyof typeof variableOf;
        expect(variableOf[type], panel.title).toBeDefined();
        expect(source?.uid, panel.title).toBe(variableOf[type]);
      }
    }
    const variables = new Map(dashboard.templating.list.map((v) => [v.name, v]));
    expect(variables.get('datasource')?.current?.value).toBe('${DS_PROMETHEUS}');
    expect(variables.get('postgres')?.current?.value).toBe('${DS_POSTGRESQL}');
    // No other ${DS_...} anywhere: each would be a reference provisioning leaves broken.
    expect([...dashboardText.matchAll(/\$\{DS_\w+\}/g)].map((m) => m[0]).sort()).toEqual([
      '${DS_POSTGRESQL}',
      '${DS_POSTGRESQL}',
      '${DS_PROMETHEUS}',
      '${DS_PROMETHEUS}',
    ]);
    // The provisioned datasources exist with one per type, so "the first of its type" is ours.
    const provisioned = yamlOf<{ datasources: Array<{ type: string }> }>(
      'grafana/provisioning/datasources/danmaku.yaml',
    ).datasources.map((d) => d.type);
    expect(provisioned.sort()).toEqual(['grafana-postgresql-datasource', 'prometheus']);
  });
});

describe('deploy/Dockerfile', () => {
  const dockerfile = read('deploy/Dockerfile');
  const stages = dockerfile.split('\n').filter((line) => /^FROM /.test(line));

  it('is multi-stage and runs as a non-root user', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const last = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    const user = /^USER (\S+)/m.exec(last)?.[1];
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
    expect(last).toMatch(/ENTRYPOINT \["node", "apps\/danmaku\/bin\/danmaku\.js"\]/);
  });

  it('runs compiled JavaScript: no tsx, no .ts path, no sources in the image', () => {
    expect(stages).toHaveLength(2);
    const last = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    const entrypoint = /^ENTRYPOINT (\[.*\])$/m.exec(last)?.[1] ?? '[]';
    const argv = JSON.parse(entrypoint) as string[];
    expect(argv.join(' ')).not.toMatch(/tsx|\.ts\b|--import|--loader/);
    const launcher = read('apps/danmaku/bin/danmaku.js');
    expect(launcher).not.toMatch(/tsx|\.ts['"]/);
    expect(launcher).toContain('../dist/cli/main.js');
    // The runtime stage takes the deployed package only: no workspace sources, no dev tools.
    const copies = [...last.matchAll(/^COPY (.*)$/gm)].map((m) => m[1] ?? '');
    expect(copies).toEqual(['--from=build /deploy /app']);
    expect(dockerfile).toMatch(/node apps\/danmaku\/scripts\/build-cli\.js/);
    expect(dockerfile).toMatch(
      /pnpm --filter @danmaku\/cli deploy --legacy --prod \/deploy\/apps\/danmaku/,
    );
    expect(read('apps/danmaku/package.json')).not.toMatch(/"tsx"/);
  });

  it('is based on a supported Node LTS and has a HEALTHCHECK on /healthz', () => {
    const base = /^ARG NODE_IMAGE=node:(\d+)-bookworm-slim$/m.exec(dockerfile)?.[1];
    expect(Number(base)).toBeGreaterThanOrEqual(22);
    for (const stage of stages) expect(stage).toMatch(/^FROM \$\{NODE_IMAGE\} AS /);
    const last = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(last).toMatch(/^HEALTHCHECK .*\\\n\s+CMD \["node", "-e", .*\/healthz/m);
    const engines = JSON.parse(read('apps/danmaku/package.json')) as { engines: { node: string } };
    expect(engines.engines.node).toBe('>=20');
  });

  it('copies only paths that exist, and the bin it starts', () => {
    for (const match of dockerfile.matchAll(/^COPY --from=build \/app\/(\S+) /gm)) {
      expect(existsSync(join(REPO_ROOT, match[1] ?? '')), match[1]).toBe(true);
    }
    expect(existsSync(join(REPO_ROOT, 'apps/danmaku/bin/danmaku.js'))).toBe(true);
  });
});
