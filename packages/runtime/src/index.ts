// Public API of @danmaku/runtime: what every service and the CLI share at run time.
// `@danmaku/runtime/backoff` is the same backoff without the rest (the client loads only that).
export { ConfigError } from './config-error.js';
export {
  createLogger,
  silentLogger,
  LOG_LEVELS,
  type Logger,
  type LoggerOptions,
  type LogFields,
  type LogLevel,
} from './logger.js';
export { kafkaLogCreator, type KafkaLogEntry, type KafkaLogOptions } from './kafka-log-creator.js';
export {
  startHttpServer,
  type HealthCheck,
  type HttpServerOptions,
  type MetricsSource,
  type RunningHttpServer,
} from './http-server.js';
export { backoffDelayMs, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.js';
export {
  settingRows,
  shapeOf,
  toKebab,
  type Setting,
  type SettingSpec,
  type SettingSpecs,
  type SettingsShape,
} from './settings/setting.js';
export {
  describeIssue,
  originOf,
  resolveValues,
  valuesFromEnv,
  type SettingOrigin,
  type SettingSources,
} from './settings/resolve-settings.js';
export { parseSettings, type Loaded } from './settings/parse-settings.js';
export { parseFlags, type ParsedFlags } from './settings/parse-flags.js';
export { readConfigFile, type ConfigFile } from './settings/config-file.js';
export {
  markdownTableCells,
  settingsMarkdownTable,
  type SettingsTableRow,
} from './settings/settings-markdown.js';
export { commaList } from './settings/comma-list.js';
export { brokerList, isBrokerAddress } from './settings/broker-list.js';
export { LOG_LEVEL_SETTING } from './settings/log-level-setting.js';
