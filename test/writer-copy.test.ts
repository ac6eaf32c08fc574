import pg from 'pg';
import { expect, it } from 'vitest';
import {
  PartitionKeeper,
  migrate,
  normaliseRecords,
  pgPoolClient,
  writeBatch,
} from '@danmaku/writer';
import type { InsertMethod } from '@danmaku/writer';
import { decodeKafkaMessage, type SourceEntry } from '@danmaku/records';
import { describeWithServices, freshDatabase } from './support/index.js';

// COPY (the default on PostgreSQL) and UNNEST (PGlite) must store byte-identical rows, whatever
// the text holds.
const awkward = [
  'tab\there',
  'line\nbreak\r',
  'back\\slash',
  'say "hi"',
  '\\N',
  '',
  '😀 弹幕',
  '{a,b}',
  'NULL',
];

function records(): SourceEntry[] {
  return awkward.flatMap((text, i) =>
    [
      {
        offset: String(2 * i),
        key: Buffer.from('9'),
        value: Buffer.from(`type@=chatmsg/rid@=9/uid@=${i}/nn@=${text}/txt@=${text}/cid@=c${i}/`),
        timestamp: String(Date.UTC(2024, 1, 2) + i),
      },
      {
        offset: String(2 * i + 1),
        key: Buffer.from('9'),
        value: Buffer.from(`type@=odd/k@=${text}/k@=${text}x/`),
        timestamp: String(Date.UTC(2024, 1, 2) + i),
      },
    ].map((message) => decodeKafkaMessage({ raw: 'raw', sessions: 's' }, 'raw', 0, message)),
  );
}

async function store(method: InsertMethod): Promise<unknown[]> {
  const url = await freshDatabase(`wcopy${method}`);
  await migrate(url);
  const db = pgPoolClient(new pg.Pool({ connectionString: url, max: 1 }));
  try {
    const batch = normaliseRecords(records());
    const result = await writeBatch(db, new PartitionKeeper(db), 'g', batch, [], method);
    expect(result.rows).toEqual({ chat_messages: awkward.length, room_events: awkward.length });
    const chat = await db.query(
      'SELECT nickname, text, fields FROM chat_messages ORDER BY source_offset',
    );
    const events = await db.query(
      'SELECT type, fields, body FROM room_events ORDER BY source_offset',
    );
    return [...chat.rows, ...events.rows];
  } finally {
    await db.close();
  }
}

describeWithServices(['postgres'], 'writer insert methods', () => {
  it('COPY and UNNEST store identical rows for awkward text', async () => {
    const copied = await store('copy');
    expect(copied).toEqual(await store('unnest'));
    expect(copied[1]).toMatchObject({ nickname: 'line\nbreak\r', text: 'line\nbreak\r' });
    expect(copied[2]).toMatchObject({
      text: 'back\\slash',
      fields: expect.objectContaining({ txt: 'back\\slash' }) as unknown,
    });
    expect(copied[awkward.length + 4]).toMatchObject({
      type: 'odd',
      body: 'type@=odd/k@=\\N/k@=\\Nx/',
    });
  });
});
