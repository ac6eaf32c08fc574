import { RecordChannel } from '@danmaku/records';
import { silentLogger } from '@danmaku/runtime';
import { migrate, parseWriterConfig, startWriter } from '@danmaku/writer';
import { expect, it } from 'vitest';
import { describeWithServices, freshDatabase, waitFor, withPg } from './support/index.js';

// WRITER_RETENTION_DAYS on PostgreSQL: the writer drops old daily partitions once at start (and
// hourly after), and counts them (services/writer/src/retention.test.ts covers PGlite).

const DAY_MS = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);

const partitions = (url: string) =>
  withPg(url, async (c) => {
    const result = await c.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i
         JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
        WHERE p.relname = 'chat_messages' ORDER BY 1`,
    );
    return result.rows.map((row) => row.name);
  });

describeWithServices(['postgres'], 'writer retention on PostgreSQL', () => {
  it('drops partitions older than WRITER_RETENTION_DAYS and counts them', async () => {
    const url = await freshDatabase('wretention');
    await migrate(url);
    await withPg(url, (c) => c.query('SELECT danmaku_ensure_partitions($1::date, 42)', [day(-40)]));
    const config = parseWriterConfig({
      mode: 'embedded',
      databaseUrl: url,
      migrate: false,
      metricsPort: 0,
      metricsHost: '127.0.0.1',
      retentionDays: 30,
    });
    const source = new RecordChannel({
      capacity: 100,
      topics: { raw: config.rawTopic, sessions: config.sessionsTopic },
      maxBatchRecords: config.maxBatchRecords,
      lingerMs: config.maxWaitMs,
    });
    const running = await startWriter({ config, source, logger: silentLogger });
    try {
      const metrics = () => fetch(running.metricsServer?.url ?? '').then((r) => r.text());
      await waitFor(
        async () => /^danmaku_writer_partitions_dropped_total 40$/m.test(await metrics()),
        {
          timeoutMs: 10_000,
          what: 'retention counted 40 dropped partitions',
        },
      );
      expect((await partitions(url))[0]).toBe(`chat_messages_p${day(-30).replaceAll('-', '')}`);
    } finally {
      await running.stop();
    }
  });
});
