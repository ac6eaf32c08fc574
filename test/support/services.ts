import { spawnSync } from 'node:child_process';
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
  describeWithTools([], needs, name, fn);
}

/**
 * describeWithServices for suites that also run command-line tools (psql, promtool, prometheus):
 * a tool that does not answer `--version` counts as a missing service.
 */
export function describeWithTools(
  tools: string[],
  needs: ServiceName[],
  name: string,
  fn: () => void,
): void {
  const { ci, missing } = provided();
  const absentTools = tools.filter(
    (tool) => spawnSync(tool, ['--version'], { stdio: 'ignore' }).status !== 0,
  );
  const absent = [...absentTools, ...needs.filter((service) => missing[service] !== undefined)];
  if (absent.length > 0 && ci) {
    const why = [
      ...absentTools.map((tool) => `${tool} not found on PATH`),
      ...needs.flatMap((service) => missing[service] ?? []),
    ];
    throw new Error(`CI=true and ${absent.join(', ')} unavailable: ${why.join('; ')}`);
  }
  const label = absent.length > 0 ? `${name} (needs ${absent.join(', ')})` : name;
  describe.skipIf(absent.length > 0)(label, fn);
}
