// `danmaku writer` (Kafka → PostgreSQL) stopped with SIGTERM/SIGINT: exit 0 when nothing was left
// behind; with the database dropped it flushes for WRITER_FLUSH_TIMEOUT_MS, then says how many
// records were not written and that Kafka keeps them (offsets not committed), and exits 1.
import { afterAll, expect, it } from 'vitest';
import {
  cleanEnv,
  DANMAKU_BIN,
  killLeftoverJobs,
  spawnJob,
  type SpawnedRun,
} from './cli-support.js';
import {
  createTopic,
  describeWithServices,
  freshDatabase,
  kafkaClient,
  services,
  uniqueName,
  waitFor,
  withPg,
} from './support/index.js';
import { committedRecords, makeTraffic, produce } from './writer-traffic.js';

const TIMEOUT_MS = 180_000;
const NOT_WRITTEN =
  /danmaku writer: stopped with (\d+) records not written: the database did not take them within the flush timeout of 2 s \(last database error: ([^\n]*)\); their offsets are not committed: Kafka keeps them and the next writer of the group writes them\n/;

interface Rig {
  url: string;
  rawTopic: string;
  groupId: string;
  writer: SpawnedRun;
}

async function startRig(prefix: string): Promise<Rig> {
  const url = await freshDatabase(prefix);
  const rawTopic = uniqueName('rawstop');
  const sessionsTopic = uniqueName('sesstop');
  const groupId = uniqueName('writerstop');
  const { kafkaBrokers } = services();
  await createTopic(kafkaBrokers, rawTopic, 1);
  await createTopic(kafkaBrokers, sessionsTopic, 1);
  const env = cleanEnv({
    DATABASE_URL: url,
    KAFKA_BROKERS: kafkaBrokers.join(','),
    KAFKA_RAW_TOPIC: rawTopic,
    KAFKA_SESSIONS_TOPIC: sessionsTopic,
    WRITER_GROUP_ID: groupId,
    WRITER_METRICS_PORT: '-1',
    WRITER_MAX_WAIT_MS: '100',
    WRITER_FLUSH_TIMEOUT_MS: '2000',
    WRITER_DB_RETRY_MAX_MS: '500',
  });
  const writer = spawnJob(process.execPath, [DANMAKU_BIN, 'writer'], env);
  await waitFor(() => writer.err().includes('"msg":"writer started"'), {
    timeoutMs: 60_000,
    what: `writer started\n${writer.err()}`,
  });
  return { url, rawTopic, groupId, writer };
}

async function produceAndWait(rig: Rig, count: number, offset: number): Promise<void> {
  const traffic = makeTraffic(count, 4, 0, Date.now() - 60_000 + offset);
  const messages = traffic.messages.map((m, i) => ({
    ...m,
    value: String(m.value).replace(/cid@=cid(\d+)/, `cid@=cid${offset + i}`),
  }));
  await produce(kafkaClient(services().kafkaBrokers), rig.rawTopic, messages);
}

/** Offsets the group committed to Kafka on the raw topic (informational: PostgreSQL is truth). */
async function kafkaCommitted(groupId: string, topic: string): Promise<number> {
  const admin = kafkaClient(services().kafkaBrokers).admin();
  await admin.connect();
  try {
    const [result] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return (result?.partitions ?? []).reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
  } finally {
    await admin.disconnect();
  }
}

describeWithServices(['postgres', 'kafka'], 'danmaku writer: what a stop says', () => {
  afterAll(killLeftoverJobs);

  it(
    'caught up: SIGTERM exits 0 and reports nothing unwritten',
    async () => {
      const rig = await startRig('wstopok');
      await produceAndWait(rig, 500, 0);
      await waitFor(
        async () => (await committedRecords(rig.url, rig.groupId, rig.rawTopic)) === 500,
        {
          timeoutMs: 60_000,
          what: '500 records committed',
        },
      );
      rig.writer.child.kill('SIGTERM');
      expect(await rig.writer.exited).toBe(0);
      expect(rig.writer.err()).not.toMatch(/not written/);
      expect(rig.writer.err()).toContain('"msg":"writer stopped"');
    },
    TIMEOUT_MS,
  );

  it(
    'the database dropped: flushes for the timeout, says Kafka keeps what was not written, exit 1',
    async () => {
      const rig = await startRig('wstopdrop');
      await produceAndWait(rig, 300, 0);
      await waitFor(
        async () => (await committedRecords(rig.url, rig.groupId, rig.rawTopic)) === 300,
        {
          timeoutMs: 60_000,
          what: '300 records committed',
        },
      );
      await withPg(services().adminDatabaseUrl, (c) =>
        c.query(`DROP DATABASE ${new URL(rig.url).pathname.slice(1)} WITH (FORCE)`),
      );
      await produceAndWait(rig, 200, 300);
      await waitFor(() => /"msg":"batch write failed"/.test(rig.writer.err()), {
        timeoutMs: 60_000,
        what: 'a failed batch',
      });
      const started = Date.now();
      rig.writer.interrupt();
      expect(await rig.writer.exited).toBe(1);
      const tookMs = Date.now() - started;
      const err = rig.writer.err();
      expect(err).not.toMatch(/cleanly/);
      const said = NOT_WRITTEN.exec(err);
      expect(said, err).not.toBeNull();
      // The batch in flight held some or all of the 200 records produced after the drop.
      expect(Number(said?.[1])).toBeGreaterThan(0);
      expect(Number(said?.[1])).toBeLessThanOrEqual(200);
      expect(said?.[2]).toMatch(/does not exist|terminating connection/);
      expect(tookMs).toBeGreaterThanOrEqual(1_500);
      expect(tookMs).toBeLessThan(30_000);
      // Nothing was claimed in Kafka past what PostgreSQL had committed: the rest stays readable.
      expect(await kafkaCommitted(rig.groupId, rig.rawTopic)).toBeLessThanOrEqual(300);
    },
    TIMEOUT_MS,
  );

  it(
    'a second signal while flushing exits at once with 130',
    async () => {
      const rig = await startRig('wstoptwice');
      await withPg(services().adminDatabaseUrl, (c) =>
        c.query(`DROP DATABASE ${new URL(rig.url).pathname.slice(1)} WITH (FORCE)`),
      );
      await produceAndWait(rig, 100, 0);
      await waitFor(() => /"msg":"batch write failed"/.test(rig.writer.err()), {
        timeoutMs: 60_000,
        what: 'a failed batch',
      });
      rig.writer.interrupt();
      await waitFor(() => rig.writer.err().includes('"msg":"stopping"'), { what: 'stopping' });
      const second = Date.now();
      rig.writer.interrupt();
      expect(await rig.writer.exited).toBe(130);
      expect(Date.now() - second).toBeLessThan(5_000);
      expect(rig.writer.err()).toMatch(/SIGINT again: exiting without a clean shutdown/);
      expect(rig.writer.err()).not.toMatch(/cleanly/);
    },
    TIMEOUT_MS,
  );
});
