import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfigFile } from '@danmaku/runtime';
import { allFields } from './fields.js';
import {
  loadCollectorSettings,
  loadWriterSettings,
  originOf,
  type SettingSources,
} from './load-settings.js';
import { writerFields } from './fields.js';

function configFile(values: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'danmaku-cli-')), 'danmaku.json');
  writeFileSync(path, JSON.stringify(values));
  return path;
}

function sources(
  file: Record<string, unknown>,
  env: Record<string, string>,
  flags: Record<string, unknown>,
): SettingSources {
  return { file: readConfigFile(configFile(file), [...allFields().values()]), env, flags };
}

describe('settings precedence: flags > env > file > defaults', () => {
  it('writer', () => {
    const s = sources(
      { groupId: 'from-file', maxWaitMs: 111, dataDir: '/file', WRITER_CLIENT_ID: 'file-client' },
      { WRITER_GROUP_ID: 'from-env', WRITER_MAX_WAIT_MS: '222' },
      { maxWaitMs: '333' },
    );
    const { config } = loadWriterSettings(s, { mode: 'embedded' });
    expect(config?.maxWaitMs).toBe(333);
    expect(config?.groupId).toBe('from-env');
    expect(config?.dataDir).toBe('/file');
    expect(config?.clientId).toBe('file-client');
    expect(config?.maxBatchRecords).toBe(5000);
    const field = (key: string) => writerFields().find((f) => f.key === key)!;
    expect(originOf(s, field('maxWaitMs'))).toBe('flag');
    expect(originOf(s, field('groupId'))).toBe('env');
    expect(originOf(s, field('dataDir'))).toBe('file');
    expect(originOf(s, field('maxBatchRecords'))).toBe('default');
  });

  it('collector', () => {
    const s = sources(
      { rooms: [1, 2], lingerMs: 5, rawTopic: 'file.topic', compression: 'gzip' },
      { KAFKA_LINGER_MS: '7', KAFKA_RAW_TOPIC: 'env.topic' },
      { rawTopic: 'flag.topic' },
    );
    const { config } = loadCollectorSettings(s);
    expect(config?.rooms).toEqual([1, 2]);
    expect(config?.lingerMs).toBe(7);
    expect(config?.rawTopic).toBe('flag.topic');
    expect(config?.compression).toBe('gzip');
    expect(config?.batchMaxRecords).toBe(2000);
  });

  it('lists every problem at once', () => {
    const s = sources(
      { maxWaitMs: -1, nonsense: 1 },
      { KAFKA_LINGER_MS: 'soon', DATABASE_URL: 'mysql://x' },
      { transport: 'pigeon' },
    );
    const collector = loadCollectorSettings(s);
    const writer = loadWriterSettings(s, { mode: 'kafka' });
    const all = [...s.file.problems, ...collector.problems, ...writer.problems].join('\n');
    expect(all).toMatch(/unknown setting "nonsense"/);
    expect(all).toMatch(/KAFKA_LINGER_MS/);
    expect(all).toMatch(/DOUYU_TRANSPORT/);
    expect(all).toMatch(/DATABASE_URL/);
    expect(all).toMatch(/WRITER_MAX_WAIT_MS/);
    expect(all).toMatch(/KAFKA_BROKERS/);
  });

  it('reports a file that is no JSON object', () => {
    expect(readConfigFile(configFile([1, 2]), []).problems[0]).toMatch(/expected a JSON object/);
    expect(readConfigFile('/nonexistent/danmaku.json', []).problems[0]).toMatch(/no such file/);
  });
});
