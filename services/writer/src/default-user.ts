import { userInfo } from 'node:os';

/**
 * A PostgreSQL URL that names its user. libpq falls back to PGUSER, then the OS user; node-postgres
 * falls back to $USER only, which containers and cron jobs often leave unset ("no PostgreSQL user
 * name specified"). When neither the URL, PGUSER nor USER names one, the OS user is added as the
 * `user` query parameter (which node-postgres reads for every URL form, sockets included).
 */
export function withDefaultUser(
  url: string,
  env: Record<string, string | undefined> = process.env,
  osUser: () => string = () => userInfo().username,
): string {
  if (nonEmpty(env['PGUSER']) || nonEmpty(env['USER'])) return url;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url; // node-postgres reports a malformed URL better than we would
  }
  if (parsed.username !== '' || nonEmpty(parsed.searchParams.get('user') ?? undefined)) return url;
  let user: string;
  try {
    user = osUser();
  } catch {
    return url; // no passwd entry for this uid: node-postgres says what is missing
  }
  parsed.searchParams.set('user', user);
  return parsed.toString();
}

function nonEmpty(value: string | undefined): boolean {
  return value !== undefined && value !== '';
}
