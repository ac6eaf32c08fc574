// Rows for the export suites: every column type the tables have, with the values that break naive
// exports (int8 past 2^53 and at its limits, microseconds, every byte value, big numbers inside
// jsonb, CJK and emoji, CSV's comma, quote, CR/LF and `\.`), and a row that is NULL in every
// column that can be (the suite first drops NOT NULL: columns may become nullable later). The
// chat row keeps its room_id, which the writer always sets and the daily rollups key on.

/** Statements, in order, on a migrated database. */
export const FIXTURE_SQL = [
  `SELECT danmaku_ensure_partitions('2026-05-01'::date, 2)`,
  dropNotNull('chat_messages', ['received_at', 'room_id']),
  dropNotNull('ingest_errors', ['id']),
  `INSERT INTO chat_messages (received_at, room_id, cid, uid, nickname, text, level, badge_name,
     badge_level, badge_room_id, noble_level, colour, client_type, sent_at, is_robot,
     is_cross_room, fields, source_partition, source_offset) VALUES
   ('2026-05-01 08:00:00.654321+00', 9999, 'c1', 123456789, '主播', '你好 😀, "x"', 12, '鱼丸',
     5, 9999, 3, 2, 14, '2026-05-01 07:59:59.000001+00', false, false,
     '{"txt": "你好 😀", "uid": "123456789"}', -1, 1),
   ('2026-05-01 12:34:56.000001+00', 2147483647, 'c2', 9223372036854775807, '',
     E'line1\\r\\nline2, "quoted" \\\\ \\t', -2147483648, ' pad ', 0, 0, 0, 0, 0,
     '1970-01-01 00:00:00+00', true, true,
     '{"big": 12345678901234567890, "nested": {"a": [1, "二", null]}, "q": "\\"\\\\"}',
     2147483647, 9007199254740993),
   ('2026-05-02 23:59:59.999999+00', 1, 'c3', -9223372036854775808, 'x', E'\\\\.', 0, '', 0, 0,
     0, 0, 0, '2262-04-11 23:47:16.854775+00', false, false, '{}', 0, 9223372036854775807),
   ('2026-05-02 00:00:00+00', 7, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
     NULL, NULL, NULL, NULL, NULL, NULL, NULL)`,
  `INSERT INTO ingest_errors (topic, partition, "offset", received_at, raw_key, raw_value, headers,
     reason, detail, recorded_at) VALUES
   ('douyu.raw.v1', 0, 9007199254740993, '2026-05-01 08:00:00.123456+00', '\\x'::bytea,
     (SELECT decode(string_agg(lpad(to_hex(i), 2, '0'), '' ORDER BY i), 'hex')
      FROM generate_series(0, 255) AS i),
     '{"key": "é,\\"x\\"\\n"}', 'undecodable, "stt"', '', '2026-05-01 08:00:01+00'),
   ('douyu.raw.v1', 3, -1, NULL, '\\x00ff0a0d2c22'::bytea, NULL, '{"n": -0.5e-10}', '', NULL,
     '1999-12-31 23:59:59.5+00'),
   (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`,
];

function dropNotNull(table: string, keep: readonly string[]): string {
  // One DO block: both PostgreSQL and PGlite run it as one statement.
  return `DO $$ DECLARE c text; BEGIN
    FOR c IN SELECT a.attname FROM pg_attribute a
      WHERE a.attrelid = '${table}'::regclass AND a.attnum > 0 AND NOT a.attisdropped
        AND a.attnotnull AND a.attname NOT IN (${keep.map((k) => `'${k}'`).join(', ')})
    LOOP EXECUTE format('ALTER TABLE ${table} ALTER COLUMN %I DROP NOT NULL', c); END LOOP;
  END $$`;
}

/** The relations the suites export, each with a time column of a different kind. */
export const EXPORTED = ['chat_messages', 'ingest_errors', 'top_chatters_daily'] as const;
