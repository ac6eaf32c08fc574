import { describe, expect, it } from 'vitest';
import { brokerList, isBrokerAddress } from './broker-list.js';

describe('isBrokerAddress', () => {
  it('takes host names with _ and -, IPv4 and bracketed IPv6', () => {
    for (const text of [
      'kafka:9092',
      'kafka_1:9092',
      'b-1.my-cluster.kafka.eu-west-1.amazonaws.com:9094',
      '127.0.0.1:9092',
      '[::1]:9092',
      '[2001:db8::10]:19092',
    ]) {
      expect(isBrokerAddress(text), text).toBe(true);
    }
  });

  it('refuses what is no host:port', () => {
    for (const text of [
      'kafka',
      'kafka:',
      ':9092',
      '::1:9092',
      '[::1]',
      '[zz]:9092',
      'kafka:0',
      'kafka:70000',
      'kafka 1:9092',
      'kafka:9092/x',
      '-kafka:9092',
    ]) {
      expect(isBrokerAddress(text), text).toBe(false);
    }
  });
});

describe('brokerList', () => {
  it('splits a comma list and names the bad entry', () => {
    expect(brokerList().parse('kafka_1:9092, [::1]:9092')).toEqual(['kafka_1:9092', '[::1]:9092']);
    const bad = brokerList().safeParse('kafka:9092,nope');
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual([1]);
    expect(bad.error?.issues[0]?.message).toBe('expected host:port (host name, IPv4, or [IPv6])');
  });
});
