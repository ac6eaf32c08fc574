import {
  ConfigError,
  describeIssue,
  kafkaSecurityProblems,
  settingRows,
  shapeOf,
  valuesFromEnv,
} from '@danmaku/runtime/settings';
import { z } from 'zod';
import { WRITER_SETTINGS } from './writer-settings.js';

const BROKERS_REQUIRED = 'KAFKA_BROKERS is required in kafka mode';
// PGlite in ./data is for `danmaku run`; a service silently writing there loses data (issue 16).
const DATABASE_REQUIRED =
  'DATABASE_URL is required in kafka mode (embedded PostgreSQL is for danmaku run)';

/** Writer settings; every field has an environment variable (see writer-settings.ts). */
export const writerConfigSchema = z.object(shapeOf(WRITER_SETTINGS)).superRefine((c, ctx) => {
  if (c.mode === 'kafka' && c.kafkaBrokers.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['kafkaBrokers'], message: BROKERS_REQUIRED });
  }
  if (c.mode === 'kafka' && c.databaseUrl === undefined) {
    ctx.addIssue({ code: 'custom', path: ['databaseUrl'], message: DATABASE_REQUIRED });
  }
  if (c.dbRetryMaxMs < c.dbRetryInitialMs) {
    ctx.addIssue({
      code: 'custom',
      path: ['dbRetryMaxMs'],
      message: 'must be >= dbRetryInitialMs',
    });
  }
});

export type WriterConfig = z.output<typeof writerConfigSchema>;
export type WriterConfigInput = z.input<typeof writerConfigSchema>;

/** The writer's rows of the settings table (`mode` included: commands pin it). */
export const writerSettings = settingRows(WRITER_SETTINGS, ['writer']);

/** Validates a config object; throws ConfigError listing every problem at once. */
export function parseWriterConfig(input: WriterConfigInput): WriterConfig {
  const result = writerConfigSchema.safeParse(input);
  const security = (input.mode ?? 'kafka') === 'kafka' ? kafkaSecurityProblems(input) : [];
  if (result.success && security.length === 0) return result.data;
  const problems = result.success
    ? []
    : result.error.issues.map((issue) => describeIssue(writerSettings, issue));
  problems.push(...security);
  // zod skips refinements when a field fails; these must still be reported with the rest.
  if ((input.mode ?? 'kafka') === 'kafka') {
    const brokers = input.kafkaBrokers;
    if (brokers === undefined || (Array.isArray(brokers) && brokers.length === 0)) {
      addOnce(problems, 'KAFKA_BROKERS / --kafka-brokers', BROKERS_REQUIRED);
    }
    if (input.databaseUrl === undefined) {
      addOnce(problems, 'DATABASE_URL / --database-url', DATABASE_REQUIRED);
    }
  }
  throw new ConfigError(problems, 'writer');
}

function addOnce(problems: string[], setting: string, message: string): void {
  if (!problems.some((p) => p.startsWith(setting))) problems.push(`${setting}: ${message}`);
}

/** Reads the writer settings from environment variables (unset or empty = default). */
export function writerConfigFromEnv(env: NodeJS.ProcessEnv = process.env): WriterConfig {
  return parseWriterConfig(valuesFromEnv(writerSettings, env));
}
