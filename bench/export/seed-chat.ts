// 1,000,000 chat rows made by PostgreSQL itself (generate_series), shaped like collected ones:
// Chinese text and nicknames, 50,000 users, the wire fields as jsonb, a NULL sent_at in one row
// of ten. The same statements run on a server and on PGlite.

export const SEED_DAY = '2026-05-01';

export function seedChatSql(rows: number): string[] {
  return [
    // 100 ms apart: a million rows span two days of partitions.
    `SELECT danmaku_ensure_partitions('${SEED_DAY}'::date, ${Math.ceil((rows * 0.1) / 86_400) + 1})`,
    `INSERT INTO chat_messages (received_at, room_id, cid, uid, nickname, text, level, badge_name,
       badge_level, badge_room_id, noble_level, colour, client_type, sent_at, is_robot,
       is_cross_room, fields, source_partition, source_offset)
     SELECT at, room, 'cid-' || i, uid, '观众' || (uid % 50000), txt, (i % 60)::int,
       CASE WHEN i % 3 = 0 THEN '鱼丸' ELSE '' END, (i % 30)::int, room, (i % 7)::int,
       (i % 8)::int, 14, CASE WHEN i % 10 = 0 THEN NULL ELSE at - interval '150 ms' END,
       i % 97 = 0, false,
       jsonb_build_object('type', 'chatmsg', 'rid', room::text, 'uid', uid::text,
         'nn', '观众' || (uid % 50000), 'txt', txt, 'cid', 'cid-' || i, 'level', (i % 60)::text,
         'ct', '14'),
       -1, i
     FROM (SELECT i, timestamptz '${SEED_DAY} 00:00:00+00' + i * interval '100 ms' AS at,
             (ARRAY[9999, 288016, 71415])[1 + i % 3] AS room, 1000000000 + i % 50000 AS uid,
             '第' || i || '条弹幕 666 主播好 😀' AS txt
           FROM generate_series(1, ${rows}) AS i) AS g`,
    'ANALYZE chat_messages',
  ];
}
