import type { WriterConfig } from '@danmaku/writer';
import { redactUrl } from './settings/redact.js';

/** Where the data goes, safe to print: PGlite's directory or the URL without its password. */
export function describeDatabase(config: Pick<WriterConfig, 'databaseUrl' | 'dataDir'>): string {
  return config.databaseUrl === undefined
    ? `embedded PostgreSQL (PGlite) in ${config.dataDir}`
    : `PostgreSQL ${redactUrl(config.databaseUrl)}`;
}
