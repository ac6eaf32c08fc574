import { execFile } from 'node:child_process';
import { appendFileSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort, pidAlive } from './global/local-process.js';

const run = promisify(execFile);

const ctl = (version: string, name: string, ...args: string[]) =>
  run('pg_ctlcluster', ['--skip-systemctl-redirect', version, name, ...args], { timeout: 120_000 });

export interface OwnPostgresOptions {
  /** Names the suite's clusters (`<prefix><pid>x<port>`), so it drops only its own stale ones. */
  prefix?: string;
  /** postgresql.conf settings (appended, so they win), e.g. `ssl: 'on'`. */
  settings?: Record<string, string>;
  /** Replaces pg_hba.conf before the first start (default: pg_createcluster's, trust). */
  hba?: string;
  /** Query string for url(), e.g. TLS parameters when the cluster refuses plain connections. */
  urlQuery?: string;
}

/** Whether Debian's pg_createcluster and a PostgreSQL version to run it with are installed. */
export function ownPostgresAvailable(): boolean {
  return existsSync('/usr/bin/pg_createcluster') && installedVersion() !== undefined;
}

function installedVersion(): string | undefined {
  return existsSync('/etc/postgresql') ? readdirSync('/etc/postgresql').sort().pop() : undefined;
}

/**
 * A PostgreSQL cluster of a suite's own (Debian's pg_createcluster, trust auth, a free port), so
 * stopping, restarting or reconfiguring it cannot break any other test using the machine's cluster.
 */
export class OwnPostgres {
  private constructor(
    readonly version: string,
    readonly name: string,
    readonly port: number,
    private readonly urlQuery: string,
  ) {}

  static async create(options: OwnPostgresOptions = {}): Promise<OwnPostgres> {
    const version = installedVersion();
    if (version === undefined) throw new Error('no PostgreSQL installed under /etc/postgresql');
    const prefix = options.prefix ?? 'chaos';
    await OwnPostgres.dropStale(version, prefix);
    const port = await freePort();
    const name = `${prefix}${process.pid}x${port}`;
    await run('pg_createcluster', [version, name, '-p', String(port), '--', '--auth=trust'], {
      timeout: 180_000,
    });
    const cluster = new OwnPostgres(version, name, port, options.urlQuery ?? '');
    const settings = Object.entries(options.settings ?? {}).map(
      ([key, value]) => `${key} = '${value.replaceAll("'", "''")}'\n`,
    );
    appendFileSync(join(cluster.configDir, 'postgresql.conf'), settings.join(''));
    if (options.hba !== undefined)
      writeFileSync(join(cluster.configDir, 'pg_hba.conf'), options.hba);
    await ctl(version, name, 'start');
    return cluster;
  }

  /** Where postgresql.conf and pg_hba.conf are. */
  get configDir(): string {
    return `/etc/postgresql/${this.version}/${this.name}`;
  }

  url(database = 'postgres'): string {
    const query = this.urlQuery === '' ? '' : `?${this.urlQuery}`;
    return `postgres://postgres@127.0.0.1:${this.port}/${database}${query}`;
  }

  /** Runs statements as the superuser on the `postgres` database. */
  async admin(...statements: string[]): Promise<void> {
    const client = new pg.Client({ connectionString: this.url() });
    await client.connect();
    try {
      for (const statement of statements) await client.query(statement);
    } finally {
      await client.end();
    }
  }

  async createDatabase(database: string): Promise<string> {
    await this.admin(`CREATE DATABASE ${database}`);
    return this.url(database);
  }

  /** Stops the server (`fast`: clean shutdown; `immediate`: no checkpoint, crash recovery on start). */
  async stop(mode: 'fast' | 'immediate'): Promise<void> {
    await ctl(this.version, this.name, 'stop', '-m', mode);
  }

  async start(): Promise<void> {
    await ctl(this.version, this.name, 'start');
  }

  async drop(): Promise<void> {
    await run('pg_dropcluster', ['--stop', this.version, this.name], { timeout: 120_000 }).catch(
      () => undefined,
    );
  }

  /** Clusters left behind by killed runs of this suite. */
  private static async dropStale(version: string, prefix: string): Promise<void> {
    for (const name of readdirSync(`/etc/postgresql/${version}`)) {
      const owner = Number(new RegExp(`^${prefix}(\\d+)x\\d+$`).exec(name)?.[1]);
      if (Number.isInteger(owner) && !pidAlive(owner)) {
        await run('pg_dropcluster', ['--stop', version, name]).catch(() => undefined);
      }
    }
  }
}
