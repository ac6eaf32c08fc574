// Public API of @danmaku/cli: the program, for tests and for embedding the embedded mode.
export { buildProgram, runCli } from './cli.js';
export { processIo, type CliIo } from './cli-io.js';
export { createCliLogger, type CliLogger } from './cli-logger.js';
export { DataDirBusyError, lockDataDir } from './data-dir-lock.js';
export { formatDuration, parseDuration } from './duration.js';
export {
  openWriterDatabase,
  templatePath,
  writeTemplate,
  type DatabaseOrigin,
} from './pglite-template.js';
export {
  startEmbedded,
  type EmbeddedRun,
  type EmbeddedRunOptions,
  type SimulateOptions,
} from './embedded/embedded-run.js';
export { formatStatus, type EmbeddedStats } from './embedded/status-line.js';
export { DEFAULT_SIMULATED_ROOMS } from './commands/run.js';
export {
  allFields,
  collectorFields,
  writerFields,
  CLI_FIELDS,
  type Field,
} from './settings/fields.js';
export {
  loadCliSettings,
  loadCollectorSettings,
  loadWriterSettings,
  originOf,
  type SettingSources,
} from './settings/load-settings.js';
export { displayValue, redactUrl } from './settings/redact.js';
export { readConfigFile, type ConfigFile } from '@danmaku/runtime';
