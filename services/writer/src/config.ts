import {
  ConfigError,
  describeIssue,
  settingRows,
  shapeOf,
  valuesFromEnv,
} from '@danmaku/runtime/settings';
import { z } from 'zod';
import { WRITER_SETTINGS } from './writer-settings.js';

/** Writer settings; every field has an environment variable (see writer-settings.ts). */
export const writerConfigSchema = z.object(shapeOf(WRITER_SETTINGS)).superRefine((c, ctx) => {
  if (c.mode === 'kafka' && c.kafkaBrokers.length === 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['kafkaBrokers'],
      message: 'KAFKA_BROKERS is required in kafka mode',
    });
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
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => describeIssue(writerSettings, issue));
  // zod skips refinements when a field fails; this one must still be reported with the rest.
  const brokers = input.kafkaBrokers;
  const none = brokers === undefined || (Array.isArray(brokers) && brokers.length === 0);
  if ((input.mode ?? 'kafka') === 'kafka' && none) {
    if (!problems.some((p) => p.startsWith('KAFKA_BROKERS'))) {
      problems.push('KAFKA_BROKERS / --kafka-brokers: KAFKA_BROKERS is required in kafka mode');
    }
  }
  throw new ConfigError(problems, 'writer');
}

/** Reads the writer settings from environment variables (unset or empty = default). */
export function writerConfigFromEnv(env: NodeJS.ProcessEnv = process.env): WriterConfig {
  return parseWriterConfig(valuesFromEnv(writerSettings, env));
}
