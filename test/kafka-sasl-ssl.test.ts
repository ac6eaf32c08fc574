// Managed-Kafka settings against a real SASL_SSL listener (TLS with a client certificate, then
// SASL): each mechanism connects through the settings; collector → Kafka → writer → PostgreSQL
// over that listener only loses and duplicates nothing; a wrong password is one clear line and
// exit 1 from the real `danmaku writer` and `danmaku collector`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCollectorConfig, startCollector } from '@danmaku/collector';
import { createLogger, isKafkaAuthenticationError, kafkaClientSecurity } from '@danmaku/runtime';
import { startSimulator } from '@danmaku/simulator';
import { migrate } from '@danmaku/writer';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cleanEnv, DANMAKU_BIN, killLeftoverJobs, spawnJob } from './cli-support.js';
import { finishAndCompare, waitFlowing, type Load } from './chaos/support/loaded-pipeline.js';
import { collectorEnv, createTopics, sleep, writerEnv } from './chaos/support/pipeline.js';
import { killAllServices, spawnService } from './chaos/support/processes.js';
import { describeComparison, expectRecordsAccounted } from './chaos/support/truth-compare.js';
import { describeWithServices, freshDatabase, uniqueName } from './support/index.js';
import { SASL_USERS, startSecureKafka, type SecureKafka } from './support/secure-kafka.js';

type Mechanism = keyof typeof SASL_USERS;
const ROOMS = Array.from({ length: 8 }, (_, i) => 81_001 + i);

describeWithServices(['postgres'], 'Kafka over SASL_SSL (TLS, client certificate, SASL)', () => {
  let kafka: SecureKafka;
  let load: Load | undefined;

  /** The settings a managed-Kafka deployment gives, as environment variables. */
  const securityEnv = (mechanism: Mechanism, password?: string): Record<string, string> => ({
    KAFKA_BROKERS: kafka.secureBrokers.join(','),
    KAFKA_SSL: 'true',
    KAFKA_SSL_CA_FILE: kafka.files.ca,
    KAFKA_SSL_CERT_FILE: kafka.files.cert,
    KAFKA_SSL_KEY_FILE: kafka.files.key,
    KAFKA_SASL_MECHANISM: mechanism.toUpperCase(),
    KAFKA_SASL_USERNAME: SASL_USERS[mechanism].username,
    KAFKA_SASL_PASSWORD: password ?? SASL_USERS[mechanism].password,
  });

  /** describeCluster through a client built the way production code builds it. */
  async function describeWith(env: Record<string, string>): Promise<number> {
    const config = loadCollectorConfig(env);
    const admin = new Kafka({
      clientId: 'sasl-ssl-test',
      brokers: config.kafkaBrokers,
      ...kafkaClientSecurity(config),
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
    }).admin();
    try {
      await admin.connect();
      return (await admin.describeCluster()).brokers.length;
    } finally {
      await admin.disconnect();
    }
  }

  beforeAll(async () => {
    kafka = await startSecureKafka();
  }, 300_000);

  afterAll(async () => {
    await killLeftoverJobs();
    await killAllServices();
    await load?.collector.close();
    await load?.sim.close();
    await kafka?.stop();
  });

  it.each(['plain', 'scram-sha-256', 'scram-sha-512'] as const)(
    '%s connects through the settings; a wrong password is refused',
    async (mechanism) => {
      expect(await describeWith(securityEnv(mechanism))).toBe(1);
      const refused = await describeWith(securityEnv(mechanism, 'wrong-password')).catch(
        (error: unknown) => error,
      );
      expect(isKafkaAuthenticationError(refused), String(refused)).toBe(true);
    },
  );

  it('collector → Kafka → writer → PostgreSQL over SASL_SSL only: every message exactly once', async () => {
    const url = await freshDatabase('saslssl');
    await migrate(url);
    // The harness uses the plaintext listener (topics, end offsets); the services never do.
    const topics = await createTopics(kafka.plainBrokers, 4);
    const sim = await startSimulator({
      seed: 16,
      rooms: ROOMS,
      traffic: { messagesPerSecond: 40, burstMultiplier: 2 },
    });
    const collectorSecurity = securityEnv('scram-sha-512');
    const collector = await startCollector(
      loadCollectorConfig({
        ...collectorEnv(sim, kafka.secureBrokers, topics, {
          COLLECTOR_ID: 'sasl-ssl',
          ROOMS: ROOMS.join(','),
          CONNECT_RATE_PER_SEC: '200',
        }),
        ...collectorSecurity,
      }),
      { http: false, logger: createLogger({ level: 'warn', pretty: false }) },
    );
    const group = uniqueName('sasl_ssl');
    load = { sim, collector, topics, group, url, brokers: kafka.plainBrokers };
    // The writer reads its password from a file, the collector from the environment.
    const passwordFile = join(kafka.dir, 'writer-password');
    writeFileSync(passwordFile, `${SASL_USERS['scram-sha-256'].password}\n`);
    const { KAFKA_SASL_PASSWORD: _, ...writerSecurity } = securityEnv('scram-sha-256');
    const writer = spawnService('writer', 'writer', {
      ...writerEnv(url, kafka.secureBrokers, topics, group),
      ...writerSecurity,
      KAFKA_SASL_PASSWORD_FILE: passwordFile,
    });
    await waitFlowing(load, writer, ROOMS.length);
    await sleep(3_000);
    const { stored, comparison, ends } = await finishAndCompare(load, writer);
    console.info(`kafka-sasl-ssl: ${describeComparison(comparison)}`);
    expect(comparison.sent).toBeGreaterThan(1_000);
    expect(comparison.lost).toBe(0);
    expect(comparison.duplicated).toBe(0);
    expect(comparison.phantom).toBe(0);
    expectRecordsAccounted(ends.raw, stored, comparison);
    expect(writer.lines.join('\n')).not.toContain(SASL_USERS['scram-sha-256'].password);
  });

  it.each(['writer', 'collector'] as const)(
    'danmaku %s with a wrong password: one clear error line, exit 1',
    async (command) => {
      const password = 'not-the-password';
      const job = spawnJob(
        process.execPath,
        [DANMAKU_BIN, command],
        cleanEnv({
          ...securityEnv('scram-sha-256', password),
          DATABASE_URL: command === 'writer' ? await freshDatabase('saslbad') : '',
          WRITER_METRICS_PORT: '-1',
          HTTP_HOST: '127.0.0.1',
          HTTP_PORT: '0',
          ROOMS: '',
        }),
      );
      const timer = setTimeout(() => job.kill(), 60_000);
      const code = await job.exited;
      clearTimeout(timer);
      const lines = job
        .err()
        .split('\n')
        .filter((line) => line.trim() !== '');
      const output = `${job.out()}\n${job.err()}`;
      expect(code, output).toBe(1);
      expect(
        lines.filter((line) => /authentication failed/i.test(line)),
        output,
      ).toEqual([
        expect.stringMatching(
          new RegExp(`^danmaku ${command}: .*SASL SCRAM SHA256 authentication failed`),
        ),
      ]);
      // No stack trace, no kafkajs retry or error lines, no password.
      expect(
        lines.filter((line) => /^\s+at |"level":"(error|warn)"/.test(line)),
        output,
      ).toEqual([]);
      expect(output).not.toContain(password);
    },
  );
});
