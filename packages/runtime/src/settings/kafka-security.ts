import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../config-error.js';
import { toKebab, type SettingSpecs, type SettingsShape } from './setting.js';

export const KAFKA_SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
export type KafkaSaslMechanism = (typeof KAFKA_SASL_MECHANISMS)[number];

const onOff = z
  .union(
    [
      z.boolean(),
      z
        .enum(['true', 'false', '1', '0', 'yes', 'no'])
        .transform((v) => v === 'true' || v === '1' || v === 'yes'),
    ],
    { error: 'expected true or false' },
  )
  .default(false);
const filePath = z.string().min(1).optional();

/**
 * TLS and SASL towards the brokers, as rows of the settings table: the collector, the writer and
 * `danmaku replay` all spread these, so managed Kafka is configured the same way everywhere.
 */
export const KAFKA_SECURITY_SETTINGS = {
  kafkaSsl: {
    env: 'KAFKA_SSL',
    schema: onOff,
    help: 'TLS to the brokers (true/false); managed Kafka needs it',
  },
  kafkaSslCaFile: {
    env: 'KAFKA_SSL_CA_FILE',
    schema: filePath,
    help: "PEM CA bundle the brokers' certificates are checked against (unset = system CAs)",
  },
  kafkaSslCertFile: {
    env: 'KAFKA_SSL_CERT_FILE',
    schema: filePath,
    help: 'PEM client certificate, for brokers that require mutual TLS',
  },
  kafkaSslKeyFile: {
    env: 'KAFKA_SSL_KEY_FILE',
    schema: filePath,
    help: 'PEM private key of the client certificate',
  },
  kafkaSaslMechanism: {
    env: 'KAFKA_SASL_MECHANISM',
    schema: z
      .preprocess(
        (v) => (typeof v === 'string' ? v.toLowerCase() : v),
        z.enum(KAFKA_SASL_MECHANISMS, { error: 'expected PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512' }),
      )
      .optional(),
    help: 'PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (unset = no SASL)',
  },
  kafkaSaslUsername: {
    env: 'KAFKA_SASL_USERNAME',
    schema: z.string().min(1).optional(),
    help: 'SASL user name',
  },
  kafkaSaslPassword: {
    env: 'KAFKA_SASL_PASSWORD',
    schema: z.string().min(1).optional(),
    help: 'SASL password (never logged or printed); or KAFKA_SASL_PASSWORD_FILE',
  },
  kafkaSaslPasswordFile: {
    env: 'KAFKA_SASL_PASSWORD_FILE',
    schema: filePath,
    help: 'file holding the SASL password (a trailing newline is ignored)',
  },
} as const satisfies SettingSpecs;

/** The parsed security settings (a writer or collector config has them among its fields). */
export type KafkaSecuritySettings = z.output<
  z.ZodObject<SettingsShape<typeof KAFKA_SECURITY_SETTINGS>>
>;

/** kafkajs's `ssl` and `sasl` client options, structurally (the kit does not depend on kafkajs). */
export interface KafkaClientSecurity {
  ssl?: true | { ca?: string; cert?: string; key?: string };
  sasl?: KafkaSaslOptions;
}

/** One member per mechanism, as kafkajs's SASLOptions union expects. */
export type KafkaSaslOptions = {
  [M in KafkaSaslMechanism]: { mechanism: M; username: string; password: string };
}[KafkaSaslMechanism];

type ReadFile = (path: string) => string;
const readText: ReadFile = (path) => readFileSync(path, 'utf8');

/**
 * The kafkajs `ssl`/`sasl` options for `new Kafka({...})`: every client in production code is
 * built with these. Reads the files; throws ConfigError listing every problem.
 */
export function kafkaClientSecurity(
  settings: KafkaSecuritySettings,
  read: ReadFile = readText,
): KafkaClientSecurity {
  const { security, problems } = resolveSecurity(settings, read);
  if (problems.length > 0) throw new ConfigError(problems, 'Kafka security');
  return security;
}

/**
 * Problems of the security rows beyond each row's own parser (a mechanism without a user, two
 * passwords, unreadable files), from raw setting values, for a config loader to report with the
 * rest. A row that does not parse is the loader's schema's to report; here it counts as unset
 * (KAFKA_SSL as on, so that no "TLS is off" follows from a typo).
 */
export function kafkaSecurityProblems(
  values: Record<string, unknown>,
  read: ReadFile = readText,
): string[] {
  const parsed: Record<string, unknown> = {};
  for (const [key, row] of Object.entries(KAFKA_SECURITY_SETTINGS)) {
    const result = row.schema.safeParse(values[key]);
    parsed[key] = result.success ? result.data : key === 'kafkaSsl' ? true : undefined;
  }
  return resolveSecurity(parsed as KafkaSecuritySettings, read).problems;
}

type Key = keyof typeof KAFKA_SECURITY_SETTINGS;
const name = (key: Key): string => `${KAFKA_SECURITY_SETTINGS[key].env} / --${toKebab(key)}`;

function resolveSecurity(
  s: KafkaSecuritySettings,
  read: ReadFile,
): { security: KafkaClientSecurity; problems: string[] } {
  const problems: string[] = [];
  const file = (key: Key, path: string | undefined): string | undefined => {
    if (path === undefined) return undefined;
    try {
      return read(path);
    } catch (error) {
      problems.push(`${name(key)}: cannot read ${path}: ${(error as Error).message}`);
      return undefined;
    }
  };
  const security: KafkaClientSecurity = {};
  const tls = tlsOptions(s, file, problems);
  if (tls !== undefined) security.ssl = tls;
  const sasl = saslOptions(s, file, problems);
  if (sasl !== undefined) security.sasl = sasl;
  return { security, problems };
}

type FileReader = (key: Key, path: string | undefined) => string | undefined;

function tlsOptions(
  s: KafkaSecuritySettings,
  file: FileReader,
  problems: string[],
): KafkaClientSecurity['ssl'] {
  const files = { kafkaSslCaFile: 'ca', kafkaSslCertFile: 'cert', kafkaSslKeyFile: 'key' } as const;
  if (s.kafkaSslCertFile !== undefined && s.kafkaSslKeyFile === undefined) {
    problems.push(`${name('kafkaSslKeyFile')}: required with KAFKA_SSL_CERT_FILE`);
  }
  if (s.kafkaSslKeyFile !== undefined && s.kafkaSslCertFile === undefined) {
    problems.push(`${name('kafkaSslCertFile')}: required with KAFKA_SSL_KEY_FILE`);
  }
  const options: { ca?: string; cert?: string; key?: string } = {};
  for (const [key, option] of Object.entries(files) as Array<[Key, 'ca' | 'cert' | 'key']>) {
    const path = s[key] as string | undefined;
    if (path !== undefined && !s.kafkaSsl) {
      problems.push(`${name(key)}: set, but TLS is off (set KAFKA_SSL=true)`);
    }
    const text = file(key, path);
    if (text !== undefined) options[option] = text;
  }
  if (!s.kafkaSsl) return undefined;
  return Object.keys(options).length === 0 ? true : options;
}

function saslOptions(
  s: KafkaSecuritySettings,
  file: FileReader,
  problems: string[],
): KafkaClientSecurity['sasl'] {
  const mechanism = s.kafkaSaslMechanism;
  if (mechanism === undefined) {
    for (const key of [
      'kafkaSaslUsername',
      'kafkaSaslPassword',
      'kafkaSaslPasswordFile',
    ] as const) {
      if (s[key] !== undefined) problems.push(`${name(key)}: set, but KAFKA_SASL_MECHANISM is not`);
    }
    return undefined;
  }
  const username = s.kafkaSaslUsername;
  if (username === undefined) {
    problems.push(`${name('kafkaSaslUsername')}: required with KAFKA_SASL_MECHANISM`);
  }
  if (s.kafkaSaslPassword !== undefined && s.kafkaSaslPasswordFile !== undefined) {
    problems.push(
      `${name('kafkaSaslPasswordFile')}: give KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE, not both`,
    );
    return undefined;
  }
  const fromFile = file('kafkaSaslPasswordFile', s.kafkaSaslPasswordFile)?.replace(/\r?\n$/, '');
  if (fromFile === '') {
    problems.push(`${name('kafkaSaslPasswordFile')}: ${s.kafkaSaslPasswordFile ?? ''} is empty`);
  }
  const password = s.kafkaSaslPassword ?? fromFile;
  if (password === undefined && s.kafkaSaslPasswordFile === undefined) {
    problems.push(
      `${name('kafkaSaslPassword')}: required with KAFKA_SASL_MECHANISM (or KAFKA_SASL_PASSWORD_FILE)`,
    );
  }
  if (username === undefined || password === undefined || password === '') return undefined;
  return { mechanism, username, password };
}

/** Whether kafkajs failed because the brokers refused the credentials (checked along causes). */
export function isKafkaAuthenticationError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && typeof current === 'object' && current !== null; depth++) {
    const e = current as { name?: unknown; cause?: unknown; originalError?: unknown };
    if (e.name === 'KafkaJSSASLAuthenticationError') return true;
    current = e.cause ?? e.originalError;
  }
  return false;
}
