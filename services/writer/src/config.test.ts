import { describe, expect, it } from 'vitest';
import { ConfigError } from '@danmaku/runtime';
import { writerConfigFromEnv } from './config.js';

describe('writer config', () => {
  it('has defaults for everything but the brokers', () => {
    const config = writerConfigFromEnv({ KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.1:9093' });
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
    expect(config.databaseUrl).toBeUndefined();
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

  it('needs no brokers in embedded mode', () => {
    expect(writerConfigFromEnv({ WRITER_MODE: 'embedded', WRITER_MIGRATE: 'false' })).toMatchObject(
      {
        mode: 'embedded',
        migrate: false,
      },
    );
  });
});
