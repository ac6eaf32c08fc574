// Public API of @danmaku/cli: the program, for tests and for embedding the embedded mode.
export { buildProgram, runCli } from './cli';
export { processIo, type CliIo } from './cli-io';
export { createCliLogger, type CliLogger } from './cli-logger';
export { DataDirBusyError, lockDataDir } from './data-dir-lock';
export { formatDuration, parseDuration } from './duration';
export {
  openWriterDatabase,
  templatePath,
  writeTemplate,
  type DatabaseOrigin,
} from './pglite-template';
export {
  startEmbedded,
  type EmbeddedRun,
  type EmbeddedRunOptions,
  type SimulateOptions,
} from './embedded/embedded-run';
export { formatStatus, type EmbeddedStats } from './embedded/status-line';
export { DEFAULT_SIMULATED_ROOMS } from './commands/run';
export {
  allFields,
  collectorFields,
  writerFields,
  CLI_FIELDS,
  type Field,
} from './settings/fields';
export {
  loadCliSettings,
  loadCollectorSettings,
  loadWriterSettings,
  originOf,
  type SettingSources,
} from './settings/load-settings';
export { displayValue, redactUrl } from './settings/redact';
export { readConfigFile, type ConfigFile } from '@danmaku/runtime';
