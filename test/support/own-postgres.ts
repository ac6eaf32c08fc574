import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort, pidAlive as isAlive } from './global/local-process.js';

const run = promisify(execFile);
const PREFIX = 'chaos';

const ctl = (version: string, name: string, ...args: string[]) =>
  run('pg_ctlcluster', ['--skip-systemctl-redirect', version, name, ...args], { timeout: 120_000 });

/**
 * A PostgreSQL cluster of the test's own (Debian's pg_createcluster, trust auth, a free port),
 * so stopping and restarting it cannot break any other test using the machine's cluster. Used
 * by the chaos suite (postgres-restart) and the integration suite (writer-readiness).
 */
export class OwnPostgres {
  private constructor(
    readonly version: string,
    readonly name: string,
    readonly port: number,
  ) {}

  static async create(): Promise<OwnPostgres> {
    const version = readdirSync('/etc/postgresql').sort().pop();
    if (version === undefined) throw new Error('no PostgreSQL installed under /etc/postgresql');
    await OwnPostgres.dropStale(version);
    const port = await freePort();
    const name = `${PREFIX}${process.pid}x${port}`;
    await run('pg_createcluster', [version, name, '-p', String(port), '--', '--auth=trust'], {
      timeout: 180_000,
    });
    const cluster = new OwnPostgres(version, name, port);
    await ctl(version, name, 'start');
    return cluster;
  }

  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async createDatabase(database: string): Promise<string> {
    const client = new pg.Client({ connectionString: this.url() });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${database}`);
    } finally {
      await client.end();
    }
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
  private static async dropStale(version: string): Promise<void> {
    for (const name of readdirSync(`/etc/postgresql/${version}`)) {
      const owner = Number(new RegExp(`^${PREFIX}(\\d+)x\\d+$`).exec(name)?.[1]);
      if (Number.isInteger(owner) && !isAlive(owner)) {
        await run('pg_dropcluster', ['--stop', version, name]).catch(() => undefined);
      }
    }
  }
}
