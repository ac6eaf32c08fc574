import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { connect } from 'node:net';
import { afterAll, expect, it } from 'vitest';
import { silentLogger } from '@danmaku/runtime';
import { migrate, parseWriterConfig, startWriter } from '@danmaku/writer';
import type { RunningWriter } from '@danmaku/writer';
import {
  createTopic,
  describeWithServices,
  freshDatabase,
  kafkaClient,
  services,
  uniqueName,
  waitFor,
} from './support/index.js';
import { committedRecords, makeTraffic, produce, tableCounts } from './writer-traffic.js';

/** A TCP proxy in front of PostgreSQL that can cut every connection and refuse new ones. */
class CuttableProxy {
  private readonly sockets = new Set<Socket>();
  private up = true;
  readonly server: Server;

  constructor(private readonly target: { host: string; port: number }) {
    this.server = createServer((client) => {
      if (!this.up) return client.destroy();
      const upstream = connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => (s === client ? upstream : client).destroy());
      }
      client.pipe(upstream).pipe(client);
    });
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  cut(): void {
    this.up = false;
    for (const s of this.sockets) s.destroy();
  }

  restore(): void {
    this.up = true;
  }

  close(): Promise<void> {
    this.cut();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describeWithServices(['postgres', 'kafka'], 'writer: PostgreSQL down', () => {
  let running: RunningWriter | undefined;
  let proxy: CuttableProxy | undefined;
  afterAll(async () => {
    await running?.stop();
    await proxy?.close();
  });

  it('commits nothing while PostgreSQL is unreachable, retries with backoff, then resumes exactly once', async () => {
    const url = await freshDatabase('woutage');
    await migrate(url);
    const target = new URL(url);
    proxy = new CuttableProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const proxied = new URL(url);
    proxied.port = String(await proxy.listen());

    const rawTopic = uniqueName('rawout');
    const sessionsTopic = uniqueName('sesout');
    const groupId = uniqueName('writerout');
    const { kafkaBrokers } = services();
    await createTopic(kafkaBrokers, rawTopic, 2);
    await createTopic(kafkaBrokers, sessionsTopic, 1);
    const traffic = makeTraffic(10_000, 4);
    const kafka = kafkaClient(kafkaBrokers);
    await produce(kafka, rawTopic, traffic.messages.slice(0, 5000));

    running = await startWriter({
      config: parseWriterConfig({
        databaseUrl: proxied.toString(),
        kafkaBrokers,
        rawTopic,
        sessionsTopic,
        groupId,
        migrate: false,
        metricsPort: -1,
        maxWaitMs: 100,
        dbRetryInitialMs: 50,
        dbRetryMaxMs: 400,
      }),
      logger: silentLogger,
    });
    await waitFor(async () => (await committedRecords(url, groupId, rawTopic)) === 5000, {
      what: 'first half',
    });

    proxy.cut();
    await produce(kafka, rawTopic, traffic.messages.slice(5000));
    const retries = async () =>
      (await running?.metrics.dbRetries.get())?.values.reduce((n, v) => n + v.value, 0) ?? 0;
    await waitFor(async () => (await retries()) >= 3, {
      timeoutMs: 20_000,
      what: 'retries while PostgreSQL is down',
    });
    expect(await committedRecords(url, groupId, rawTopic)).toBe(5000);

    proxy.restore();
    await waitFor(async () => (await committedRecords(url, groupId, rawTopic)) === 10_000, {
      timeoutMs: 30_000,
      what: 'second half after PostgreSQL is back',
    });
    const e = traffic.expected;
    expect(await tableCounts(url)).toEqual({
      ...e,
      distinctSources: e.chat + e.gifts + e.entries + e.events,
    });
  });
});
