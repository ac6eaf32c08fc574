import { describe, expect, it } from 'vitest';
import { ConfigError } from '@danmaku/runtime';
import { writerConfigFromEnv } from './config.js';

describe('writer config', () => {
  it('has defaults for everything but the brokers and the database', () => {
    const config = writerConfigFromEnv({
      KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.1:9093',
      DATABASE_URL: 'postgres://db/danmaku',
    });
    expect(config).toMatchObject({
      mode: 'kafka',
      kafkaBrokers: ['127.0.0.1:9092', '127.0.0.1:9093'],
      rawTopic: 'douyu.raw.v1',
      sessionsTopic: 'douyu.sessions.v1',
      groupId: 'danmaku-writer',
      maxBatchRecords: 5000,
      migrate: true,
      metricsPort: 9465,
    });
    expect(config.databaseUrl).toBe('postgres://db/danmaku');
  });

  it('requires DATABASE_URL in kafka mode, listed with the other problems', () => {
    const problems = (env: Record<string, string>) => {
      try {
        writerConfigFromEnv(env);
        return [];
      } catch (e) {
        return (e as ConfigError).problems;
      }
    };
    expect(problems({ KAFKA_BROKERS: 'kafka:9092' })).toEqual([
      'DATABASE_URL / --database-url: DATABASE_URL is required in kafka mode (embedded PostgreSQL is for danmaku run)',
    ]);
    const both = problems({ WRITER_MIGRATE: 'maybe' }).join('\n');
    expect(both).toContain('WRITER_MIGRATE');
    expect(both).toContain('DATABASE_URL is required in kafka mode');
    expect(both).toContain('KAFKA_BROKERS is required in kafka mode');
    expect(writerConfigFromEnv({ WRITER_MODE: 'embedded' }).databaseUrl).toBeUndefined();
  });

  it('takes any broker host: compose names with _ and bracketed IPv6', () => {
    const config = writerConfigFromEnv({
      KAFKA_BROKERS: 'kafka_1:9092,[::1]:9092',
      DATABASE_URL: 'postgres://db/danmaku',
    });
    expect(config.kafkaBrokers).toEqual(['kafka_1:9092', '[::1]:9092']);
  });

  it('reads an empty variable as unset', () => {
    const config = writerConfigFromEnv({
      KAFKA_BROKERS: 'kafka:9092',
      DATABASE_URL: 'postgres://db/danmaku',
      WRITER_MAX_WAIT_MS: '',
      WRITER_GROUP_ID: '  ',
    });
    expect(config).toMatchObject({ maxWaitMs: 250, groupId: 'danmaku-writer' });
  });

  it('lists every problem at once, by environment variable', () => {
    let error: unknown;
    try {
      writerConfigFromEnv({
        DATABASE_URL: 'mysql://x',
        WRITER_MAX_BATCH_RECORDS: 'lots',
        WRITER_METRICS_PORT: '70000',
        WRITER_MIGRATE: 'maybe',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of [
      'DATABASE_URL',
      'WRITER_MAX_BATCH_RECORDS',
      'WRITER_METRICS_PORT',
      'WRITER_MIGRATE',
      'KAFKA_BROKERS',
    ]) {
      expect(problems).toContain(name);
    }
  });

  it('lists Kafka security problems with the others, and keeps the SASL settings', () => {
    const env = {
      DATABASE_URL: 'postgres://db/danmaku',
      KAFKA_BROKERS: 'kafka:9093',
      KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-256',
      KAFKA_SASL_USERNAME: 'writer',
    };
    expect(() => writerConfigFromEnv({ ...env, WRITER_MIGRATE: 'maybe' })).toThrow(
      /WRITER_MIGRATE[\s\S]*KAFKA_SASL_PASSWORD \/ --kafka-sasl-password: required/,
    );
    expect(writerConfigFromEnv({ ...env, KAFKA_SASL_PASSWORD: 'pw' })).toMatchObject({
      kafkaSsl: true,
      kafkaSaslMechanism: 'scram-sha-256',
      kafkaSaslUsername: 'writer',
      kafkaSaslPassword: 'pw',
    });
  });

  it('needs no brokers in embedded mode', () => {
    expect(writerConfigFromEnv({ WRITER_MODE: 'embedded', WRITER_MIGRATE: 'false' })).toMatchObject(
      {
        mode: 'embedded',
        migrate: false,
      },
    );
  });
});
