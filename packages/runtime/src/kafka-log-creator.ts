import type { Logger } from './logger.js';

/** kafkajs's log entry, structurally, so the kit does not depend on kafkajs. */
export interface KafkaLogEntry {
  namespace: string;
  /** kafkajs's logLevel: 1 error, 2 warn, 4 info, 5 debug. */
  level: number;
  log: { message: string } & Record<string, unknown>;
}

export interface KafkaLogOptions {
  /** Messages logged at debug whatever kafkajs's level (expected noise). */
  quiet?: (message: string) => boolean;
}

const KAFKA_ERROR = 1;
const KAFKA_WARN = 2;
const KAFKA_INFO = 4;

/**
 * A kafkajs `logCreator` that routes kafkajs's lines into `logger` (message as `msg`, the entry's
 * namespace and details as fields), instead of kafkajs's own console output.
 */
export function kafkaLogCreator(
  logger: Logger,
  options: KafkaLogOptions = {},
): (kafkaLevel: number) => (entry: KafkaLogEntry) => void {
  return () => (entry) => {
    const { message, ...rest } = entry.log;
    const fields = { namespace: entry.namespace, ...rest };
    if (options.quiet?.(message) === true || isAuthFailure(message)) logger.debug(message, fields);
    else if (entry.level === KAFKA_ERROR) logger.error(message, fields);
    else if (entry.level === KAFKA_WARN) logger.warn(message, fields);
    else if (entry.level === KAFKA_INFO) logger.info(message, fields);
    else logger.debug(message, fields);
  };
}

// Refused credentials: kafkajs logs three error lines, then throws the same error to the caller,
// which reports it once (and exits): the lines would only repeat it.
function isAuthFailure(message: string): boolean {
  return message.startsWith('Response SaslAuthenticate') || /authentication failed/i.test(message);
}
