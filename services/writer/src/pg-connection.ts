import { withDefaultUser } from './default-user.js';

/** libpq's TLS parameters, and the environment variables libpq reads when the URL leaves them out. */
const TLS_ENV = {
  sslmode: 'PGSSLMODE',
  sslrootcert: 'PGSSLROOTCERT',
  sslcert: 'PGSSLCERT',
  sslkey: 'PGSSLKEY',
} as const;

const SSLMODES = ['disable', 'prefer', 'require', 'verify-ca', 'verify-full'];

type Env = Record<string, string | undefined>;

/**
 * The connection string handed to node-postgres, so that a DATABASE_URL means what it means to
 * libpq (psql): the user defaults as in withDefaultUser, PGSSLMODE/PGSSLROOTCERT/PGSSLCERT/PGSSLKEY
 * fill in what the URL leaves out, and `uselibpqcompat=true` is added because node-postgres 8
 * otherwise treats require, prefer and verify-ca as verify-full. `sslrootcert=system` (libpq 16)
 * becomes Node's bundled CA list. A URL node-postgres itself must reject is passed on unchanged.
 */
export function pgConnectionString(
  url: string,
  env: Env = process.env,
  osUser?: () => string,
): string {
  const parsed = withTlsEnv(url, env);
  if (parsed === undefined) return withDefaultUser(url, env, osUser);
  const params = parsed.searchParams;
  if (params.has('sslmode') && !params.has('uselibpqcompat')) params.set('uselibpqcompat', 'true');
  if (params.get('sslrootcert') === 'system') params.delete('sslrootcert');
  return withDefaultUser(parsed.toString(), env, osUser);
}

/**
 * Why the URL's TLS parameters (with the PGSSL* environment) cannot mean what they mean to libpq,
 * or undefined. node-postgres cannot fall back from one kind of connection to the other, so
 * `allow` has no equivalent; `no-verify` is node-postgres's own name for libpq's `require`.
 */
export function tlsProblem(url: string, env: Env = process.env): string | undefined {
  const params = withTlsEnv(url, env)?.searchParams;
  const mode = params?.get('sslmode') ?? undefined;
  if (params === undefined || mode === undefined || params.has('uselibpqcompat')) return undefined;
  if (mode === 'no-verify') return 'sslmode=no-verify is not libpq; use sslmode=require';
  if (mode === 'allow') return 'sslmode=allow is not supported; use sslmode=disable or require';
  if (!SSLMODES.includes(mode)) return `sslmode=${mode}: expected one of ${SSLMODES.join(', ')}`;
  const rootCert = params.get('sslrootcert') ?? undefined;
  if (mode === 'verify-ca' && (rootCert === undefined || rootCert === 'system')) {
    return 'sslmode=verify-ca needs sslrootcert=<CA file>';
  }
  if (rootCert === 'system' && mode !== 'verify-full') {
    return `sslrootcert=system needs sslmode=verify-full (not ${mode})`;
  }
  return undefined;
}

/** The URL with libpq's PGSSL* variables added for parameters it does not name; undefined if not a URL. */
function withTlsEnv(url: string, env: Env): URL | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  for (const [param, name] of Object.entries(TLS_ENV)) {
    const value = env[name];
    if (!parsed.searchParams.has(param) && value !== undefined && value !== '') {
      parsed.searchParams.set(param, value);
    }
  }
  return parsed;
}
