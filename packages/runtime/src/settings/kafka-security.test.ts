import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError } from '../config-error.js';
import {
  isKafkaAuthenticationError,
  KAFKA_SECURITY_SETTINGS,
  kafkaClientSecurity,
  kafkaSecurityProblems,
} from './kafka-security.js';
import { parseSettings } from './parse-settings.js';
import { settingRows, shapeOf } from './setting.js';
import { valuesFromEnv } from './resolve-settings.js';

const rows = settingRows(KAFKA_SECURITY_SETTINGS, ['test']);
const schema = z.object(shapeOf(KAFKA_SECURITY_SETTINGS));

function dir(files: Record<string, string>): string {
  const path = mkdtempSync(join(tmpdir(), 'danmaku-kafka-security-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(path, name), text);
  return path;
}

/** Env → parsed settings → kafkajs options, as a service does it. */
function fromEnv(env: Record<string, string>) {
  return kafkaClientSecurity(schema.parse(valuesFromEnv(rows, env)));
}

function problemsOf(env: Record<string, string>): string[] {
  return kafkaSecurityProblems(valuesFromEnv(rows, env));
}

describe('Kafka TLS and SASL settings', () => {
  it('are off by default: no ssl, no sasl', () => {
    expect(fromEnv({})).toEqual({});
    expect(problemsOf({})).toEqual([]);
  });

  it('KAFKA_SSL alone uses the system CAs', () => {
    expect(fromEnv({ KAFKA_SSL: 'true' })).toEqual({ ssl: true });
    expect(fromEnv({ KAFKA_SSL: 'false' })).toEqual({});
  });

  it('reads the CA, certificate and key files into the ssl options', () => {
    const d = dir({ 'ca.pem': 'CA', 'cert.pem': 'CERT', 'key.pem': 'KEY' });
    const security = fromEnv({
      KAFKA_SSL: 'yes',
      KAFKA_SSL_CA_FILE: join(d, 'ca.pem'),
      KAFKA_SSL_CERT_FILE: join(d, 'cert.pem'),
      KAFKA_SSL_KEY_FILE: join(d, 'key.pem'),
    });
    expect(security).toEqual({ ssl: { ca: 'CA', cert: 'CERT', key: 'KEY' } });
  });

  it.each([
    ['PLAIN', 'plain'],
    ['SCRAM-SHA-256', 'scram-sha-256'],
    ['scram-sha-512', 'scram-sha-512'],
  ])('mechanism %s maps to kafkajs %s', (given, mechanism) => {
    const security = fromEnv({
      KAFKA_SASL_MECHANISM: given,
      KAFKA_SASL_USERNAME: 'alice',
      KAFKA_SASL_PASSWORD: 's3cret',
    });
    expect(security).toEqual({ sasl: { mechanism, username: 'alice', password: 's3cret' } });
  });

  it('reads the password from a file, without its trailing newline', () => {
    const d = dir({ password: 'from-file\n' });
    const security = fromEnv({
      KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
      KAFKA_SASL_USERNAME: 'bob',
      KAFKA_SASL_PASSWORD_FILE: join(d, 'password'),
    });
    expect(security).toEqual({
      ssl: true,
      sasl: { mechanism: 'scram-sha-512', username: 'bob', password: 'from-file' },
    });
  });

  it('an unknown mechanism is a clear problem of its row', () => {
    const parsed = parseSettings(rows, valuesFromEnv(rows, { KAFKA_SASL_MECHANISM: 'GSSAPI' }));
    expect(parsed.problems).toEqual([
      'KAFKA_SASL_MECHANISM / --kafka-sasl-mechanism: expected PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512',
    ]);
  });

  it('lists every cross-setting problem at once', () => {
    const d = dir({ 'ca.pem': 'CA' });
    const problems = problemsOf({
      KAFKA_SSL_CA_FILE: join(d, 'ca.pem'),
      KAFKA_SSL_CERT_FILE: '/nonexistent/cert.pem',
      KAFKA_SASL_MECHANISM: 'scram-sha-256',
      KAFKA_SASL_PASSWORD: 'pw',
      KAFKA_SASL_PASSWORD_FILE: join(d, 'ca.pem'),
    });
    expect(problems).toEqual([
      'KAFKA_SSL_KEY_FILE / --kafka-ssl-key-file: required with KAFKA_SSL_CERT_FILE',
      'KAFKA_SSL_CA_FILE / --kafka-ssl-ca-file: set, but TLS is off (set KAFKA_SSL=true)',
      'KAFKA_SSL_CERT_FILE / --kafka-ssl-cert-file: set, but TLS is off (set KAFKA_SSL=true)',
      expect.stringMatching(
        /^KAFKA_SSL_CERT_FILE \/ --kafka-ssl-cert-file: cannot read \/nonexistent\/cert\.pem: ENOENT/,
      ),
      'KAFKA_SASL_USERNAME / --kafka-sasl-username: required with KAFKA_SASL_MECHANISM',
      'KAFKA_SASL_PASSWORD_FILE / --kafka-sasl-password-file: give KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE, not both',
    ]);
  });

  it('a mechanism needs a password; user and password need a mechanism', () => {
    expect(problemsOf({ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u' })).toEqual([
      'KAFKA_SASL_PASSWORD / --kafka-sasl-password: required with KAFKA_SASL_MECHANISM (or KAFKA_SASL_PASSWORD_FILE)',
    ]);
    expect(problemsOf({ KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' })).toEqual([
      'KAFKA_SASL_USERNAME / --kafka-sasl-username: set, but KAFKA_SASL_MECHANISM is not',
      'KAFKA_SASL_PASSWORD / --kafka-sasl-password: set, but KAFKA_SASL_MECHANISM is not',
    ]);
  });

  it('an unreadable or empty password file is a problem, and no problem shows the password', () => {
    const d = dir({ empty: '\n' });
    const base = { KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u' };
    expect(problemsOf({ ...base, KAFKA_SASL_PASSWORD_FILE: join(d, 'empty') })).toEqual([
      `KAFKA_SASL_PASSWORD_FILE / --kafka-sasl-password-file: ${join(d, 'empty')} is empty`,
    ]);
    const missing = problemsOf({ ...base, KAFKA_SASL_PASSWORD_FILE: join(d, 'nope') });
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatch(/KAFKA_SASL_PASSWORD_FILE .*cannot read .*nope: ENOENT/);
    const error = (() => {
      try {
        fromEnv({ KAFKA_SASL_PASSWORD: 'hunter2' });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(String((error as Error).message)).not.toContain('hunter2');
  });

  it('recognises kafkajs refusing the credentials, along causes', () => {
    const refused = Object.assign(new Error('SASL SCRAM SHA256 authentication failed'), {
      name: 'KafkaJSSASLAuthenticationError',
    });
    expect(isKafkaAuthenticationError(refused)).toBe(true);
    expect(isKafkaAuthenticationError({ name: 'KafkaJSError', cause: refused })).toBe(true);
    expect(isKafkaAuthenticationError(new Error('Connection timeout'))).toBe(false);
  });
});
