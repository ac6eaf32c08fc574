// TEMP validation only: pg pool clients checked out with connect() get an error listener.
import pg from 'pg';
const original = pg.Pool.prototype.connect as (...args: unknown[]) => unknown;
(pg.Pool.prototype as unknown as { connect: unknown }).connect = function (
  this: pg.Pool,
  ...args: unknown[]
) {
  if (args.length > 0) return original.apply(this, args);
  return (original.call(this) as Promise<pg.PoolClient>).then((client) => {
    const onError = (): void => undefined;
    client.on('error', onError);
    const release = client.release.bind(client);
    client.release = (err?: Error | boolean) => {
      client.off('error', onError);
      return release(err);
    };
    return client;
  });
};
await import('./writer-main');
