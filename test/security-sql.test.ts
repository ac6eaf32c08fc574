// Security: the writer only ever sends values as parameters. Texts full of SQL and STT syntax,
// quotes, backslashes, 4-byte UTF-8 and control characters go through Kafka and the writer and come
// back from PostgreSQL byte for byte; a NUL (PostgreSQL text cannot hold one) or invalid UTF-8
// sends the whole record to ingest_errors with its raw bytes, so nothing is silently lost.
import { silentLogger } from '@danmaku/runtime';
import { parseWriterConfig, startWriter, migrate } from '@danmaku/writer';
import type { RunningWriter } from '@danmaku/writer';
import { serializeStt } from '@danmaku/protocol';
import type { Message } from 'kafkajs';
import { afterAll, beforeAll, expect, it } from 'vitest';
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
import { committedRecords, produce } from './writer-traffic.js';

const ROOM = 4242;
const AT = Date.UTC(2026, 0, 5, 12);

/** Each of these must survive every text and jsonb column it lands in. */
const NASTY = [
  `it's "quoted" and 'single'`,
  `'); DROP TABLE chat_messages; --`,
  `' OR '1'='1`,
  `back\\slash \\\\ double \\' escaped quote \\n not a newline`,
  `E'\\x41' and \\x00 written out`,
  `$1 $2 $$ dollar $tag$ quoting $tag$`,
  `😀👍🏽 𠀀 𝄞 🀄 four-byte UTF-8`,
  `control \u0001\u0002\u0007\u0008\u000b\u000c\u001b\u001f\u007f end`,
  `tab\tnewline\ncarriage\r\nreturn`,
  `\u2028\u2029\u200b\ufeff\u202e mirrored`,
  `percent % underscore _ like wildcards`,
  `{"json": "looking", "\\u0000": 1} [1,2]`,
  `at @ and slash / are STT syntax @A @S @= //`,
  `NULL`,
  ``,
  `${'长'.repeat(2000)}`,
];

function chat(i: number, text: string): string {
  return serializeStt([
    ['type', 'chatmsg'],
    ['rid', String(ROOM)],
    ['uid', String(100 + i)],
    ['nn', `${text}#${i}`],
    ['txt', text],
    ['cid', `sec-${i}`],
    ['bnn', text],
    ['level', '5'],
  ]);
}

function message(
  value: string | Buffer,
  offsetTag: string,
  headers: Record<string, string> = {},
): Message {
  return {
    key: String(ROOM),
    value,
    timestamp: String(AT),
    headers: { type: offsetTag, ...headers },
  };
}

describeWithServices(['postgres', 'kafka'], 'security: SQL is parameterised, text survives', () => {
  const rawTopic = uniqueName('rawsec');
  const sessionsTopic = uniqueName('sessec');
  const groupId = uniqueName('writersec');
  let url: string;
  let running: RunningWriter | undefined;
  const nulBody = chat(900, 'before\u0000after');
  const badUtf8 = Buffer.concat([
    Buffer.from('type@=chatmsg/rid@=4242/txt@='),
    Buffer.from([0xff, 0xfe, 0xc0]),
    Buffer.from('/cid@=sec-901/'),
  ]);
  const eventBody = `type@=nasty_evt/${NASTY.slice(0, 13)
    .map((t, i) => serializeStt([[`${t}#k${i}`, t]]))
    .join('')}`;
  const raw: Message[] = [
    ...NASTY.map((text, i) => message(chat(i, text), 'chatmsg')),
    message(
      serializeStt([
        ['type', 'uenter'],
        ['rid', String(ROOM)],
        ['uid', '7'],
        ['nn', NASTY[1] ?? ''],
      ]),
      'uenter',
    ),
    message(
      serializeStt([
        ['type', 'dgb'],
        ['rid', String(ROOM)],
        ['gfid', '1'],
        ['uid', '8'],
        ['nn', NASTY[6] ?? ''],
      ]),
      'dgb',
    ),
    message(eventBody, 'nasty_evt'),
    message(nulBody, 'chatmsg', { note: `it's "a header"` }),
    message(badUtf8, 'chatmsg'),
  ];
  const closeReason = `server-error:${NASTY[1] ?? ''} ${NASTY[6] ?? ''}`;
  const sessions: Message[] = [
    {
      key: String(ROOM),
      value: JSON.stringify({
        session: `s'1"\\`,
        room: ROOM,
        collector: NASTY[0],
        transport: 'ws',
        endpoint: NASTY[4],
        event: 'closed',
        at: AT,
        reason: closeReason,
        messages: 3,
      }),
    },
    {
      key: String(ROOM),
      value: JSON.stringify({
        session: 's-nul',
        room: ROOM,
        collector: 'c',
        transport: 'ws',
        endpoint: 'e',
        event: 'closed',
        at: AT,
        reason: 'a\u0000b',
        messages: 1,
      }),
    },
  ];

  beforeAll(async () => {
    url = await freshDatabase('wsec');
    await migrate(url);
    const { kafkaBrokers } = services();
    await createTopic(kafkaBrokers, rawTopic, 1);
    await createTopic(kafkaBrokers, sessionsTopic, 1);
    const kafka = kafkaClient(kafkaBrokers);
    await produce(kafka, rawTopic, raw);
    await produce(kafka, sessionsTopic, sessions);
    running = await startWriter({
      config: parseWriterConfig({
        databaseUrl: url,
        kafkaBrokers,
        rawTopic,
        sessionsTopic,
        groupId,
        migrate: false,
        metricsPort: -1,
        maxWaitMs: 100,
      }),
      logger: silentLogger,
    });
    await waitFor(
      async () =>
        (await committedRecords(url, groupId, rawTopic)) === raw.length &&
        (await committedRecords(url, groupId, sessionsTopic)) === sessions.length,
      { timeoutMs: 60_000, what: 'every record committed' },
    );
  });

  afterAll(async () => {
    await running?.stop();
  });

  it('keeps quotes, backslashes, 4-byte UTF-8 and control characters intact in text and jsonb columns', async () => {
    await withPg(url, async (c) => {
      const rows = await c.query<{
        cid: string;
        text: string;
        nickname: string;
        badge_name: string;
        txt: string;
      }>(
        `SELECT cid, text, nickname, badge_name, fields->>'txt' AS txt FROM chat_messages ORDER BY source_offset`,
      );
      expect(rows.rows.map((r) => r.cid)).toEqual(NASTY.map((_, i) => `sec-${i}`));
      rows.rows.forEach((row, i) => {
        const text = NASTY[i] ?? '';
        expect(row.text, `text of #${i}`).toBe(text);
        expect(row.txt, `fields.txt of #${i}`).toBe(text);
        expect(row.badge_name).toBe(text);
        expect(row.nickname).toBe(`${text}#${i}`);
      });
      const entry = await c.query<{ nickname: string }>('SELECT nickname FROM user_entries');
      expect(entry.rows).toEqual([{ nickname: NASTY[1] }]);
      const gift = await c.query<{ nickname: string }>('SELECT nickname FROM gifts');
      expect(gift.rows).toEqual([{ nickname: NASTY[6] }]);
      const event = await c.query<{
        type: string;
        fields: Record<string, string>;
        body: string | null;
      }>(`SELECT type, fields, body FROM room_events WHERE type = 'nasty_evt'`);
      expect(event.rows).toHaveLength(1);
      const expectedFields: Record<string, string> = { type: 'nasty_evt' };
      NASTY.slice(0, 13).forEach((t, i) => (expectedFields[`${t}#k${i}`] = t));
      expect(event.rows[0]?.fields).toEqual(expectedFields);
      // The tables the injection strings name are all still there.
      const tables = await c.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_tables WHERE tablename IN ('chat_messages', 'gifts', 'user_entries', 'room_events', 'ingest_errors')`,
      );
      expect(tables.rows[0]?.n).toBe(5);
    });
  });

  it('stores session text fields intact', async () => {
    await withPg(url, async (c) => {
      const rows = await c.query<{
        session_id: string;
        collector: string;
        endpoint: string;
        close_reason: string;
      }>(`SELECT session_id, collector, endpoint, close_reason FROM collect_sessions`);
      expect(rows.rows).toEqual([
        {
          session_id: `s'1"\\`,
          collector: NASTY[0],
          endpoint: NASTY[4],
          close_reason: closeReason,
        },
      ]);
    });
  });

  it('sends a NUL or invalid UTF-8 record to ingest_errors with its exact raw bytes (nothing lost)', async () => {
    await withPg(url, async (c) => {
      const errors = await c.query<{
        topic: string;
        reason: string;
        raw_key: Buffer;
        raw_value: Buffer;
        headers: Record<string, string>;
      }>(
        `SELECT topic, reason, raw_key, raw_value, headers FROM ingest_errors ORDER BY topic, "offset"`,
      );
      const byReason = new Map(
        errors.rows.map((r) => [`${r.topic === rawTopic ? 'raw' : 'sessions'}:${r.reason}`, r]),
      );
      expect([...byReason.keys()].sort()).toEqual([
        'raw:invalid_utf8',
        'raw:nul_character',
        'sessions:nul_character',
      ]);
      const nul = byReason.get('raw:nul_character');
      expect(nul?.raw_value.equals(Buffer.from(nulBody, 'utf8'))).toBe(true);
      expect(nul?.raw_key.toString()).toBe(String(ROOM));
      expect(nul?.headers).toMatchObject({ type: 'chatmsg', note: `it's "a header"` });
      expect(byReason.get('raw:invalid_utf8')?.raw_value.equals(badUtf8)).toBe(true);
      expect(byReason.get('sessions:nul_character')?.raw_value.toString()).toBe(sessions[1]?.value);
      const lost = await c.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM chat_messages WHERE cid IN ('sec-900', 'sec-901')`,
      );
      expect(lost.rows[0]?.n).toBe(0);
    });
    // Every record is accounted for: rows + ingest_errors = records produced.
    await withPg(url, async (c) => {
      const r = await c.query<{ n: number }>(
        `SELECT
        (SELECT count(*) FROM chat_messages) + (SELECT count(*) FROM gifts) + (SELECT count(*) FROM user_entries)
        + (SELECT count(*) FROM room_events) + (SELECT count(*) FROM ingest_errors WHERE topic = $1) AS n`,
        [rawTopic],
      );
      expect(Number(r.rows[0]?.n)).toBe(raw.length);
    });
  });
});
