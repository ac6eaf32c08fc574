import { describe, expect, it } from 'vitest';
import { displayValue, redactUrl } from './redact.js';

describe('redaction', () => {
  it('hides URL passwords and keeps the rest', () => {
    expect(redactUrl('postgres://app:s3cret@db:5432/danmaku')).toBe(
      'postgres://app:***@db:5432/danmaku',
    );
    expect(redactUrl('postgres://app@db/danmaku')).toBe('postgres://app@db/danmaku');
    expect(redactUrl('redis://:pw@cache:6379')).toBe('redis://:***@cache:6379');
  });

  it('redacts password query parameters', () => {
    const url = redactUrl('postgres://app@db/danmaku?sslmode=disable&password=s3cret');
    expect(url).not.toContain('s3cret');
    expect(url).toContain('sslmode=disable');
    expect(redactUrl('postgres://u:p@h/d?password=x y')).not.toMatch(/x y|x\+y|:p@/);
  });

  it('redacts unparsable URLs too', () => {
    expect(redactUrl('postgres://u:p w@host/db')).not.toContain('p w');
  });

  it('shows settings, redacting only secret ones', () => {
    expect(displayValue('databaseUrl', 'postgresql://a:b@h/d')).toBe('postgresql://a:***@h/d');
    expect(displayValue('redisUrl', 'redis://u:pass@h:6379')).not.toContain('pass');
    expect(displayValue('kafkaBrokers', ['a:1', 'b:2'])).toBe('a:1,b:2');
    expect(displayValue('rooms', [])).toBe('(none)');
    expect(displayValue('databaseUrl', undefined)).toBe('(unset)');
    expect(displayValue('kafkaSaslPassword', 'hunter2')).toBe('***');
    expect(displayValue('kafkaSaslPasswordFile', '/run/secrets/kafka')).toBe('/run/secrets/kafka');
  });
});
