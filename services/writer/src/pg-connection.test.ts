import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { pgConnectionString, tlsProblem } from './pg-connection.js';

const dir = mkdtempSync(join(tmpdir(), 'pg-connection-'));
const ca = join(dir, 'ca.crt');
writeFileSync(ca, 'CA PEM');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const env = { USER: 'me' };

/** What node-postgres makes of our string: false, or the options passed to tls.connect. */
function tlsOptions(url: string, from: Record<string, string> = env): unknown {
  const client = new pg.Client({ connectionString: pgConnectionString(url, from) });
  return (client as unknown as { connectionParameters: { ssl: unknown } }).connectionParameters.ssl;
}

describe('pgConnectionString', () => {
  it('gives the sslmodes their libpq meaning, not node-postgres 8 "everything is verify-full"', () => {
    expect(tlsOptions('postgres://h/d?sslmode=disable')).toBe(false);
    for (const mode of ['prefer', 'require']) {
      expect(tlsOptions(`postgres://h/d?sslmode=${mode}`), mode).toEqual({
        rejectUnauthorized: false,
      });
    }
    // require with a root certificate checks the CA, as libpq does (verify-ca).
    for (const mode of ['require', 'verify-ca']) {
      const options = tlsOptions(`postgres://h/d?sslmode=${mode}&sslrootcert=${ca}`);
      expect(options, mode).toMatchObject({ ca: 'CA PEM' });
      expect(options, mode).toHaveProperty('checkServerIdentity');
      expect(options, mode).not.toHaveProperty('rejectUnauthorized');
    }
    const full = tlsOptions(`postgres://h/d?sslmode=verify-full&sslrootcert=${ca}`);
    expect(full).toEqual({ ca: 'CA PEM' });
  });

  it('reads PGSSLMODE and PGSSLROOTCERT for what the URL leaves out, as libpq does', () => {
    const from = { ...env, PGSSLMODE: 'verify-full', PGSSLROOTCERT: ca };
    expect(tlsOptions('postgres://h/d', from)).toEqual({ ca: 'CA PEM' });
    expect(tlsOptions('postgres://h/d?sslmode=disable', from)).toBe(false);
  });

  it('turns sslrootcert=system into Node’s bundled CA list', () => {
    expect(tlsOptions('postgres://h/d?sslmode=verify-full&sslrootcert=system')).toEqual({});
  });

  it('keeps the query string, the user and an explicit uselibpqcompat', () => {
    expect(pgConnectionString('postgres://u:p@h/d?sslmode=require&application_name=x', env)).toBe(
      'postgres://u:p@h/d?sslmode=require&application_name=x&uselibpqcompat=true',
    );
    expect(pgConnectionString('postgres://h/d?sslmode=require&uselibpqcompat=false', env)).toBe(
      'postgres://h/d?sslmode=require&uselibpqcompat=false',
    );
    expect(pgConnectionString('postgres://h/d', {}, () => 'os')).toBe('postgres://h/d?user=os');
    expect(pgConnectionString('postgres://h/d?sslmode=require', {}, () => 'os')).toBe(
      'postgres://h/d?sslmode=require&uselibpqcompat=true&user=os',
    );
  });

  it('leaves plain URLs (no TLS asked for) to node-postgres as they are', () => {
    expect(pgConnectionString('postgres://h/d', env)).toBe('postgres://h/d');
    expect(tlsOptions('postgres://h/d')).toBe(false);
  });
});

describe('tlsProblem', () => {
  it('accepts what it can honour', () => {
    for (const url of [
      'postgres://h/d',
      'postgres://h/d?sslmode=disable',
      'postgres://h/d?sslmode=prefer',
      'postgres://h/d?sslmode=require',
      'postgres://h/d?sslmode=verify-ca&sslrootcert=/ca.crt',
      'postgres://h/d?sslmode=verify-full',
      'postgres://h/d?sslmode=verify-full&sslrootcert=system',
      'postgres://h/d?sslmode=no-verify&uselibpqcompat=false',
    ]) {
      expect(tlsProblem(url, {}), url).toBeUndefined();
    }
  });

  it('names what it cannot, and what to use instead', () => {
    expect(tlsProblem('postgres://h/d?sslmode=allow', {})).toMatch(/allow is not supported/);
    expect(tlsProblem('postgres://h/d?sslmode=no-verify', {})).toMatch(/use sslmode=require/);
    expect(tlsProblem('postgres://h/d?sslmode=on', {})).toMatch(/expected one of disable, prefer/);
    expect(tlsProblem('postgres://h/d?sslmode=verify-ca', {})).toMatch(/needs sslrootcert/);
    expect(tlsProblem('postgres://h/d?sslmode=require&sslrootcert=system', {})).toMatch(
      /needs sslmode=verify-full/,
    );
    expect(tlsProblem('postgres://h/d', { PGSSLMODE: 'allow' })).toMatch(/allow/);
  });
});
