import { describe, expect, it } from 'vitest';
import { ConfigError } from '@danmaku/runtime';
import { describeCollectorConfig, loadCollectorConfig } from './config.js';

describe('loadCollectorConfig', () => {
  it('applies defaults', () => {
    const config = loadCollectorConfig({}, []);
    expect(config.rawTopic).toBe('douyu.raw.v1');
    expect(config.sessionsTopic).toBe('douyu.sessions.v1');
    expect(config.queueName).toBe('rooms');
    expect(config.transport).toBe('ws');
    expect(config.endpoints).toHaveLength(6);
    expect(config.rooms).toEqual([]);
    expect(config.redisUrl).toBeUndefined();
    expect(config.collectorId).toMatch(/-\d+$/);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads env, and flags override env', () => {
    const config = loadCollectorConfig(
      { KAFKA_BROKERS: 'a:1, b:2', ROOMS: '1,2', MAX_ROOMS: '50', COLLECTOR_ID: 'env-id' },
      [
        '--collector-id',
        'flag-id',
        '--rooms=3',
        '--rooms',
        '4',
        '--redis-url',
        'redis://127.0.0.1:6379',
      ],
    );
    expect(config.kafkaBrokers).toEqual(['a:1', 'b:2']);
    expect(config.collectorId).toBe('flag-id');
    expect(config.rooms).toEqual([3, 4]);
    expect(config.maxRooms).toBe(50);
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
  });

  it('reads an empty variable as unset, as compose ${REDIS_URL:-} gives it', () => {
    const config = loadCollectorConfig({ REDIS_URL: '', MAX_ROOMS: ' ', KAFKA_BROKERS: '' });
    expect(config.redisUrl).toBeUndefined();
    expect(config.maxRooms).toBe(2000);
    expect(config.kafkaBrokers).toEqual(['127.0.0.1:9092']);
  });

  it('takes any broker host: compose names with _ and bracketed IPv6', () => {
    const config = loadCollectorConfig({ KAFKA_BROKERS: 'kafka_1:9092,[::1]:9092' });
    expect(config.kafkaBrokers).toEqual(['kafka_1:9092', '[::1]:9092']);
    expect(() => loadCollectorConfig({ KAFKA_BROKERS: 'kafka_1' })).toThrow(
      /KAFKA_BROKERS \/ --kafka-brokers\[0\]: expected host:port/,
    );
  });

  it('takes tcp endpoints as host:port', () => {
    const config = loadCollectorConfig({
      DOUYU_TRANSPORT: 'tcp',
      DOUYU_ENDPOINTS: '127.0.0.1:8601',
    });
    expect(config.endpoints).toEqual(['127.0.0.1:8601']);
  });

  it('lists every problem at once, with env and flag names', () => {
    let error: unknown;
    try {
      loadCollectorConfig(
        { MAX_ROOMS: 'lots', ROOMS: '1,-2', DOUYU_TRANSPORT: 'ws', DOUYU_ENDPOINTS: 'host:1' },
        ['--no-such-flag', 'x', '--http-port', '70000', 'stray', '--lock-duration-ms'],
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toContain('unknown flag --no-such-flag');
    expect(problems).toContain('unexpected argument "stray"');
    expect(problems).toContain('--lock-duration-ms needs a value');
    expect(problems).toContain('MAX_ROOMS / --max-rooms');
    expect(problems).toContain('ROOMS / --rooms[1]');
    expect(problems).toContain('HTTP_PORT / --http-port');
    expect(problems).toContain('bad ws endpoint "host:1"');
    expect((error as ConfigError).problems.length).toBeGreaterThanOrEqual(7);
  });

  it('lists Kafka security problems with the others', () => {
    expect(() =>
      loadCollectorConfig({ MAX_ROOMS: 'lots', KAFKA_SASL_PASSWORD: 'pw', KAFKA_SSL: 'maybe' }),
    ).toThrow(
      /KAFKA_SASL_PASSWORD \/ --kafka-sasl-password: set, but KAFKA_SASL_MECHANISM is not\n.*KAFKA_SSL \/ --kafka-ssl: expected true or false\n.*MAX_ROOMS/,
    );
    expect(() => loadCollectorConfig({ KAFKA_SASL_PASSWORD: 'hunter2' })).toThrow(
      /^(?![\s\S]*hunter2)[\s\S]*KAFKA_SASL_PASSWORD \/ --kafka-sasl-password: set, but KAFKA_SASL_MECHANISM is not/,
    );
  });

  it('describes every key for --help', () => {
    const lines = describeCollectorConfig();
    expect(lines.some((l) => l.includes('--kafka-brokers') && l.includes('KAFKA_BROKERS'))).toBe(
      true,
    );
  });
});
