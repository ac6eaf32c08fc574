// `@danmaku/runtime/settings`: the settings table and ConfigError without the logger and the
// HTTP server, for what runs before a command has chosen what to load (`danmaku --help`).
export { ConfigError } from '../config-error.js';
export { LOG_LEVELS, type LogLevel } from '../log-levels.js';
export {
  settingRows,
  shapeOf,
  toKebab,
  type Setting,
  type SettingSpec,
  type SettingSpecs,
  type SettingsShape,
} from './setting.js';
export {
  describeIssue,
  originOf,
  resolveValues,
  valuesFromEnv,
  type SettingOrigin,
  type SettingSources,
} from './resolve-settings.js';
export { parseSettings, type Loaded } from './parse-settings.js';
export { parseFlags, type ParsedFlags } from './parse-flags.js';
export { readConfigFile, type ConfigFile } from './config-file.js';
export {
  markdownTableCells,
  settingsMarkdownTable,
  type SettingsTableRow,
} from './settings-markdown.js';
export { commaList } from './comma-list.js';
export { brokerList, isBrokerAddress } from './broker-list.js';
export { LOG_LEVEL_SETTING } from './log-level-setting.js';
export {
  isKafkaAuthenticationError,
  KAFKA_SASL_MECHANISMS,
  KAFKA_SECURITY_SETTINGS,
  kafkaClientSecurity,
  kafkaSecurityProblems,
  type KafkaClientSecurity,
  type KafkaSaslMechanism,
  type KafkaSaslOptions,
  type KafkaSecuritySettings,
} from './kafka-security.js';
