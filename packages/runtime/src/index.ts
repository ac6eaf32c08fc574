// Public API of @danmaku/runtime: what every service and the CLI share at run time.
// `@danmaku/runtime/backoff` is the same backoff without the rest (the client loads only that).
export { ConfigError } from './config-error';
export {
  createLogger,
  silentLogger,
  LOG_LEVELS,
  type Logger,
  type LoggerOptions,
  type LogFields,
  type LogLevel,
} from './logger';
export { kafkaLogCreator, type KafkaLogEntry, type KafkaLogOptions } from './kafka-log-creator';
export {
  startHttpServer,
  type HealthCheck,
  type HttpServerOptions,
  type MetricsSource,
  type RunningHttpServer,
} from './http-server';
export { backoffDelayMs, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
export {
  settingRows,
  shapeOf,
  toKebab,
  type Setting,
  type SettingSpec,
  type SettingSpecs,
  type SettingsShape,
} from './settings/setting';
export {
  describeIssue,
  originOf,
  resolveValues,
  valuesFromEnv,
  type SettingOrigin,
  type SettingSources,
} from './settings/resolve-settings';
export { parseSettings, type Loaded } from './settings/parse-settings';
export { parseFlags, type ParsedFlags } from './settings/parse-flags';
export { readConfigFile, type ConfigFile } from './settings/config-file';
export {
  markdownTableCells,
  settingsMarkdownTable,
  type SettingsTableRow,
} from './settings/settings-markdown';
export { commaList } from './settings/comma-list';
export { brokerList, isBrokerAddress } from './settings/broker-list';
export { LOG_LEVEL_SETTING } from './settings/log-level-setting';
