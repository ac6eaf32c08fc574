// A broker of one suite's own with a SASL_SSL listener beside the plaintext one: a CA, server and
// client certificates made with openssl/keytool in a temp dir, PLAIN and SCRAM-SHA-256/512 users.
// The plaintext listener is the harness's (topics, offsets); the services use the secure one.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort } from './global/local-process.js';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const scripts = `${repoRoot}scripts/kafka`;
const STORE_PASSWORD = 'test-store-pass';

/** One user per mechanism (PLAIN lives in the JAAS line, SCRAM users are made at format time). */
export const SASL_USERS = {
  plain: { username: 'plain-user', password: 'plain-pass-1' },
  'scram-sha-256': { username: 'scram256-user', password: 'scram256-pass-1' },
  'scram-sha-512': { username: 'scram512-user', password: 'scram512-pass-1' },
} as const;

export interface SecureKafka {
  /** The harness's plaintext listener. */
  plainBrokers: string[];
  /** The SASL_SSL listener (TLS with a client certificate required, then SASL). */
  secureBrokers: string[];
  /** PEM files: the CA, and a client certificate and key it signed. */
  files: { ca: string; cert: string; key: string };
  dir: string;
  stop(): Promise<void>;
}

async function openssl(dir: string, ...args: string[]): Promise<void> {
  await run('openssl', args, { cwd: dir });
}

/** CA; server certificate for 127.0.0.1 in a PKCS12 keystore; CA in a PKCS12 truststore. */
async function makeCertificates(dir: string): Promise<void> {
  const subject = (cn: string) => ['-subj', `/CN=${cn}`];
  const newKey = ['-newkey', 'rsa:2048', '-nodes'];
  await openssl(
    dir,
    'req',
    '-x509',
    ...newKey,
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
    '-days',
    '2',
    ...subject('danmaku-test-ca'),
  );
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  for (const [name, ext] of [
    ['server', ['-extfile', 'server.ext']],
    ['client', []],
  ] as const) {
    await openssl(
      dir,
      'req',
      ...newKey,
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.csr`,
      ...subject(`danmaku-${name}`),
    );
    await openssl(
      dir,
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-days',
      '2',
      '-out',
      `${name}.crt`,
      ...ext,
    );
  }
  const pass = `pass:${STORE_PASSWORD}`;
  await openssl(
    dir,
    'pkcs12',
    '-export',
    '-in',
    'server.crt',
    '-inkey',
    'server.key',
    '-certfile',
    'ca.crt',
    '-name',
    'broker',
    '-out',
    'server.p12',
    '-passout',
    pass,
  );
  await run(
    'keytool',
    [
      '-importcert',
      '-noprompt',
      '-alias',
      'ca',
      '-file',
      'ca.crt',
      '-keystore',
      'trust.p12',
      '-storetype',
      'PKCS12',
      '-storepass',
      STORE_PASSWORD,
    ],
    { cwd: dir },
  );
}

function brokerProperties(dir: string): string {
  const jaas = (module: string, users = '') =>
    `org.apache.kafka.common.security.${module} required${users};`;
  const plain = SASL_USERS.plain;
  return [
    'ssl.keystore.type=PKCS12',
    `ssl.keystore.location=${join(dir, 'server.p12')}`,
    `ssl.keystore.password=${STORE_PASSWORD}`,
    `ssl.key.password=${STORE_PASSWORD}`,
    'ssl.truststore.type=PKCS12',
    `ssl.truststore.location=${join(dir, 'trust.p12')}`,
    `ssl.truststore.password=${STORE_PASSWORD}`,
    'listener.name.sasl_ssl.ssl.client.auth=required',
    'sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-256,SCRAM-SHA-512',
    `listener.name.sasl_ssl.plain.sasl.jaas.config=${jaas('plain.PlainLoginModule', ` user_${plain.username}="${plain.password}"`)}`,
    `listener.name.sasl_ssl.scram-sha-256.sasl.jaas.config=${jaas('scram.ScramLoginModule')}`,
    `listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=${jaas('scram.ScramLoginModule')}`,
    '',
  ].join('\n');
}

/** Starts the broker through scripts/kafka/start; the caller stops it. */
export async function startSecureKafka(): Promise<SecureKafka> {
  const dir = mkdtempSync(join(tmpdir(), 'danmaku-sasl-ssl-'));
  await makeCertificates(dir);
  writeFileSync(join(dir, 'extra.properties'), brokerProperties(dir));
  const [port, controllerPort, securePort] = [await freePort(), await freePort(), await freePort()];
  const scram = (['scram-sha-256', 'scram-sha-512'] as const).map((m) => {
    const { username, password } = SASL_USERS[m];
    return `${m.toUpperCase()}=[name=${username},password=${password}]`;
  });
  const env = {
    ...process.env,
    KAFKA_RUN_DIR: join(dir, 'broker'),
    KAFKA_PORT: String(port),
    KAFKA_CONTROLLER_PORT: String(controllerPort),
    KAFKA_EXTRA_LISTENERS: `SASL_SSL://127.0.0.1:${securePort}`,
    KAFKA_EXTRA_PROPERTIES: join(dir, 'extra.properties'),
    KAFKA_SCRAM_CREDENTIALS: scram.join(' '),
  };
  const { stdout } = await run('bash', [`${scripts}/start`], { env, timeout: 300_000 });
  return {
    plainBrokers: [stdout.trim().split('\n').pop() ?? `127.0.0.1:${port}`],
    secureBrokers: [`127.0.0.1:${securePort}`],
    files: { ca: join(dir, 'ca.crt'), cert: join(dir, 'client.crt'), key: join(dir, 'client.key') },
    dir,
    stop: async () => {
      await run('bash', [`${scripts}/stop`], { env, timeout: 60_000 }).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
