// What global setup hands to the suites through vitest provide/inject. Kept in its own module so
// both sides (test/global-setup.ts and the suites' helpers) share one typed contract.
export type ServiceName = 'postgres' | 'redis' | 'kafka';

export interface ProvidedServices {
  ci: boolean;
  /** Prefix of every database this run creates; also the name of the run's main database. */
  databaseName: string;
  databaseUrl: string;
  adminDatabaseUrl: string;
  kafkaBrokers: string[];
  redisUrl: string;
  /** Why a service is missing, keyed by service name; absent key = available. */
  missing: Partial<Record<ServiceName, string>>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    danmakuServices: ProvidedServices;
  }
}
