import { kafkaLogCreator, type KafkaClientSecurity, type Logger } from '@danmaku/runtime';
import { CompressionTypes, Kafka, Partitioners, logLevel } from 'kafkajs';

/** What the sink needs from a kafkajs Producer (structural, so tests can pass a plain object). */
export interface ProducerLike {
  connect(): Promise<void>;
  sendBatch(batch: {
    topicMessages: Array<{ topic: string; messages: ProducerMessage[] }>;
    acks?: number;
    compression?: number;
  }): Promise<unknown>;
  disconnect(): Promise<void>;
}
export interface ProducerMessage {
  key: string;
  value: Buffer | string;
  timestamp?: string;
  headers?: Record<string, string>;
}

export interface KafkaProducerOptions {
  brokers: readonly string[];
  clientId: string;
  logger: Logger;
  /** TLS and SASL (kafkaClientSecurity of the config). */
  security: KafkaClientSecurity;
}

/**
 * The one place kafkajs is configured: an idempotent producer (acks = all, one request in flight,
 * as kafkajs requires) with the Java-compatible partitioner, so key = room id lands on the same
 * partition whichever client wrote it. kafkajs retries a send a few times on its own; after that
 * the sink logs, counts and retries the same batch, so an outage is visible in logs and metrics.
 */
export function createKafkaProducer(options: KafkaProducerOptions): ProducerLike {
  const log = options.logger.child({ component: 'kafkajs' });
  const kafka = new Kafka({
    clientId: options.clientId,
    brokers: [...options.brokers],
    ...options.security,
    logLevel: logLevel.WARN,
    // Retries are capped on purpose (the sink retries the same batch itself): not worth a warning.
    logCreator: kafkaLogCreator(log, { quiet: (m) => m.startsWith(LIMITING_RETRIES) }),
    retry: { initialRetryTime: 200, maxRetryTime: 5_000, retries: 3 },
  });
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
    retry: { initialRetryTime: 200, maxRetryTime: 5_000, retries: 3 },
  });
}

export function compressionCode(name: 'none' | 'gzip'): number {
  return name === 'gzip' ? CompressionTypes.GZIP : CompressionTypes.None;
}

const LIMITING_RETRIES = 'Limiting retries for the idempotent producer';
