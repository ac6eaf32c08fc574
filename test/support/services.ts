import { describe, inject } from 'vitest';
import type { ProvidedServices, ServiceName } from './provided.js';

export type { ServiceName } from './provided.js';

export interface Services {
  databaseUrl: string;
  adminDatabaseUrl: string;
  kafkaBrokers: string[];
  redisUrl: string;
}

function provided(): ProvidedServices {
  const value = inject('danmakuServices');
  if (!value)
    throw new Error('test/global-setup.ts did not run (use the vitest "integration" project)');
  return value;
}

export function services(): Services {
  const { databaseUrl, adminDatabaseUrl, kafkaBrokers, redisUrl } = provided();
  return { databaseUrl, adminDatabaseUrl, kafkaBrokers, redisUrl };
}

export function serviceAvailable(name: ServiceName): boolean {
  return provided().missing[name] === undefined;
}

/** A describe() that needs real services: skipped when one is missing, except under CI=true. */
export function describeWithServices(needs: ServiceName[], name: string, fn: () => void): void {
  const { ci, missing } = provided();
  const absent = needs.filter((service) => missing[service] !== undefined);
  if (absent.length > 0 && ci) {
    throw new Error(
      `CI=true and ${absent.join(', ')} unavailable: ${absent.map((s) => missing[s]).join('; ')}`,
    );
  }
  const label = absent.length > 0 ? `${name} (needs ${absent.join(', ')})` : name;
  describe.skipIf(absent.length > 0)(label, fn);
}
