// Helpers shared by the collector suites: read a topic back, summarise a Prometheus scrape, and
// the raw-record shape as the writer will see it.
import { parseStt } from '@danmaku/protocol';
import type { Consumer } from 'kafkajs';
import { kafkaClient, uniqueName, waitFor, type WaitForOptions } from './support/index.js';

export interface ConsumedRecord {
  partition: number;
  offset: string;
  key: string;
  value: Buffer;
  timestamp: string;
  headers: Record<string, string>;
}

export interface TopicReader {
  readonly records: ConsumedRecord[];
  /** Waits until at least `count` records were read. */
  waitForCount(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** Reads a topic from the beginning into memory until closed. */
export async function readTopic(brokers: string[], topic: string): Promise<TopicReader> {
  const consumer: Consumer = kafkaClient(brokers, 'collector-test-reader').consumer({
    groupId: uniqueName('collector_reader'),
    maxWaitTimeInMs: 200,
  });
  const records: ConsumedRecord[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachBatch: async ({ batch }) => {
      for (const m of batch.messages) {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(m.headers ?? {})) headers[k] = String(v);
        records.push({
          partition: batch.partition,
          offset: m.offset,
          key: m.key?.toString() ?? '',
          value: m.value ?? Buffer.alloc(0),
          timestamp: m.timestamp,
          headers,
        });
      }
      await Promise.resolve();
    },
  });
  return {
    records,
    waitForCount: async (count, timeoutMs = 60_000) => {
      await waitFor(() => records.length >= count, {
        timeoutMs,
        intervalMs: 100,
        what: `${count} records on ${topic} (have ${records.length})`,
      });
    },
    close: () => consumer.disconnect(),
  };
}

/** `name{labels} value` lines of a scrape → summed value per metric name (labels matched by filter). */
export function metricValue(scrape: string, name: string, labelFilter = ''): number {
  let total = 0;
  for (const line of scrape.split('\n')) {
    if (!line.startsWith(name)) continue;
    const rest = line.slice(name.length);
    if (!(rest.startsWith(' ') || rest.startsWith('{'))) continue;
    if (labelFilter !== '' && !rest.includes(labelFilter)) continue;
    total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}

export function chatCid(body: Buffer): string | undefined {
  const fields = parseStt(body.toString('utf8'));
  return fields['type'] === 'chatmsg' ? fields['cid'] : undefined;
}

/** Records grouped by their `session` header, each group ordered by `seq`. */
export function bySession(records: readonly ConsumedRecord[]): Map<string, ConsumedRecord[]> {
  const sessions = new Map<string, ConsumedRecord[]>();
  for (const record of records) {
    const id = record.headers['session'] ?? '';
    let list = sessions.get(id);
    if (!list) sessions.set(id, (list = []));
    list.push(record);
  }
  for (const list of sessions.values()) {
    list.sort((a, b) => Number(a.headers['seq']) - Number(b.headers['seq']));
  }
  return sessions;
}

/** waitFor for a value: resolves with the first defined value `check` returns. */
export async function waitForValue<T>(
  check: () => T | undefined | Promise<T | undefined>,
  options?: WaitForOptions,
): Promise<T> {
  let found: { value: T } | undefined;
  await waitFor(async () => {
    const value = await check();
    if (value !== undefined) found = { value };
    return found !== undefined;
  }, options);
  if (!found) throw new Error('waitForValue resolved without a value');
  return found.value;
}
