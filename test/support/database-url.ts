/** `serverUrl` (any database on a PostgreSQL server) pointed at another database on that server. */
export function databaseUrlFor(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
