-- Custom migration: NULL for absent (issue 18, item 2). The generated migration before this one
-- dropped NOT NULL from the columns that hold a Douyu field; from now on the writer stores NULL
-- when the field is absent from the body, or (numbers) when its text is not a decimal integer of
-- at most 17 characters, or does not fit the column (int4; uid: within ±(2^53 - 1)).
--
-- 1. Rows already stored held 0 or '' in those cases. Every typed column was derived from
--    `fields` alone (the same keys, last duplicate wins) by the same parsing rules, so each
--    row is recovered from its own `fields`: a column becomes NULL where its key is absent,
--    or where the stored text does not parse or does not fit. Only rows with something to
--    change are rewritten. What cannot be recovered:
--    - a value that does not fit its column (e.g. level 3000000000, a 23-digit uid) is NULL,
--      not the number: the column cannot hold it. The text stays in `fields`.
--    - gift_count stays 1 where gfcnt is absent: that is the protocol's rule (older dgb bodies
--      are one gift each), not a default, and it is kept for new rows too.
--    - cid stays '' where absent: it is the chat dedupe key, and NOT NULL.
--    - a row whose `fields` was edited after it was written is migrated from what `fields` says
--      now; the original body is only in Kafka (for its retention).
--    - sent_at and is_cross_room need nothing: sent_at has always been NULL when absent, and
--      is_cross_room already treated a rid that is not a number as another room.
-- 2. top_chatters_daily leaves out rows without a known uid (they are no chatter). It reads the
--    rollup chatter_daily (the migration before the nullable columns), which keeps a NULL uid as
--    one group of its own; gift_totals_daily already sums the known gift counts (0, not NULL,
--    when none is known) from gift_daily, so it is unchanged. The UPDATEs below fire the
--    rollups' triggers, which recount the room-days they touch.
-- 3. The COMMENTs of the data dictionary that say so.
CREATE FUNCTION danmaku_wire_integer_fits(value text, low numeric, high numeric)
RETURNS boolean
LANGUAGE sql
IMMUTABLE
AS $$
  SELECT CASE
    WHEN value IS NULL OR length(value) > 17 OR value !~ '^-?[0-9]+$' THEN false
    ELSE value::numeric BETWEEN low AND high
  END
$$;
--> statement-breakpoint
UPDATE chat_messages SET
  uid = CASE WHEN danmaku_wire_integer_fits(fields->>'uid', -9007199254740991, 9007199254740991) THEN uid END,
  nickname = CASE WHEN fields->>'nn' IS NOT NULL THEN nickname END,
  text = CASE WHEN fields->>'txt' IS NOT NULL THEN text END,
  level = CASE WHEN danmaku_wire_integer_fits(fields->>'level', -2147483648, 2147483647) THEN level END,
  badge_name = CASE WHEN fields->>'bnn' IS NOT NULL THEN badge_name END,
  badge_level = CASE WHEN danmaku_wire_integer_fits(fields->>'bl', -2147483648, 2147483647) THEN badge_level END,
  badge_room_id = CASE WHEN danmaku_wire_integer_fits(fields->>'brid', -2147483648, 2147483647) THEN badge_room_id END,
  noble_level = CASE WHEN danmaku_wire_integer_fits(fields->>'nl', -2147483648, 2147483647) THEN noble_level END,
  colour = CASE WHEN danmaku_wire_integer_fits(fields->>'col', -2147483648, 2147483647) THEN colour END,
  client_type = CASE WHEN danmaku_wire_integer_fits(fields->>'ct', -2147483648, 2147483647) THEN client_type END
WHERE NOT (
  danmaku_wire_integer_fits(fields->>'uid', -9007199254740991, 9007199254740991)
  AND fields->>'nn' IS NOT NULL
  AND fields->>'txt' IS NOT NULL
  AND danmaku_wire_integer_fits(fields->>'level', -2147483648, 2147483647)
  AND fields->>'bnn' IS NOT NULL
  AND danmaku_wire_integer_fits(fields->>'bl', -2147483648, 2147483647)
  AND danmaku_wire_integer_fits(fields->>'brid', -2147483648, 2147483647)
  AND danmaku_wire_integer_fits(fields->>'nl', -2147483648, 2147483647)
  AND danmaku_wire_integer_fits(fields->>'col', -2147483648, 2147483647)
  AND danmaku_wire_integer_fits(fields->>'ct', -2147483648, 2147483647)
);
--> statement-breakpoint
UPDATE gifts SET
  uid = CASE WHEN danmaku_wire_integer_fits(fields->>'uid', -9007199254740991, 9007199254740991) THEN uid END,
  nickname = CASE WHEN fields->>'nn' IS NOT NULL THEN nickname END,
  level = CASE WHEN danmaku_wire_integer_fits(fields->>'level', -2147483648, 2147483647) THEN level END,
  gift_id = CASE WHEN danmaku_wire_integer_fits(fields->>'gfid', -2147483648, 2147483647) THEN gift_id END,
  gift_count = CASE WHEN fields->>'gfcnt' IS NULL
                      OR danmaku_wire_integer_fits(fields->>'gfcnt', -2147483648, 2147483647) THEN gift_count END,
  combo_hits = CASE WHEN danmaku_wire_integer_fits(fields->>'hits', -2147483648, 2147483647) THEN combo_hits END,
  badge_name = CASE WHEN fields->>'bnn' IS NOT NULL THEN badge_name END,
  badge_level = CASE WHEN danmaku_wire_integer_fits(fields->>'bl', -2147483648, 2147483647) THEN badge_level END,
  badge_room_id = CASE WHEN danmaku_wire_integer_fits(fields->>'brid', -2147483648, 2147483647) THEN badge_room_id END
WHERE NOT (
  danmaku_wire_integer_fits(fields->>'uid', -9007199254740991, 9007199254740991)
  AND fields->>'nn' IS NOT NULL
  AND danmaku_wire_integer_fits(fields->>'level', -2147483648, 2147483647)
  AND danmaku_wire_integer_fits(fields->>'gfid', -2147483648, 2147483647)
  AND (fields->>'gfcnt' IS NULL OR danmaku_wire_integer_fits(fields->>'gfcnt', -2147483648, 2147483647))
  AND danmaku_wire_integer_fits(fields->>'hits', -2147483648, 2147483647)
  AND fields->>'bnn' IS NOT NULL
  AND danmaku_wire_integer_fits(fields->>'bl', -2147483648, 2147483647)
  AND danmaku_wire_integer_fits(fields->>'brid', -2147483648, 2147483647)
);
--> statement-breakpoint
UPDATE user_entries SET
  uid = CASE WHEN danmaku_wire_integer_fits(fields->>'uid', -9007199254740991, 9007199254740991) THEN uid END,
  nickname = CASE WHEN fields->>'nn' IS NOT NULL THEN nickname END,
  level = CASE WHEN danmaku_wire_integer_fits(fields->>'level', -2147483648, 2147483647) THEN level END,
  noble_level = CASE WHEN danmaku_wire_integer_fits(fields->>'nl', -2147483648, 2147483647) THEN noble_level END
WHERE NOT (
  danmaku_wire_integer_fits(fields->>'uid', -9007199254740991, 9007199254740991)
  AND fields->>'nn' IS NOT NULL
  AND danmaku_wire_integer_fits(fields->>'level', -2147483648, 2147483647)
  AND danmaku_wire_integer_fits(fields->>'nl', -2147483648, 2147483647)
);
--> statement-breakpoint
DROP FUNCTION danmaku_wire_integer_fits(text, numeric, numeric);
--> statement-breakpoint
CREATE OR REPLACE VIEW top_chatters_daily AS
SELECT room_id, day, uid, nickname, messages,
       rank() OVER (PARTITION BY room_id, day ORDER BY messages DESC) AS rank
FROM chatter_daily
WHERE day_zone = 'UTC' AND uid IS NOT NULL;
--> statement-breakpoint
COMMENT ON COLUMN "chat_messages"."uid" IS 'Douyu user id of the sender. NULL when absent or unparseable (not a decimal integer, or beyond ±(2^53 - 1); the text stays in fields). | wire: chatmsg.uid';
--> statement-breakpoint
COMMENT ON COLUMN "chat_messages"."nickname" IS 'The user''s display name at that moment (users can rename). NULL when absent. | wire: chatmsg.nn';
--> statement-breakpoint
COMMENT ON COLUMN "chat_messages"."text" IS 'The chat text as sent, unescaped; emoticons appear as tokens like [emot:dy118]. NULL when absent. | wire: chatmsg.txt';
--> statement-breakpoint
COMMENT ON COLUMN "chat_messages"."level" IS 'The user''s Douyu account level (grows with activity, site-wide, not per room). NULL when absent or unparseable (not a decimal integer, or outside the int4 range; the text stays in fields). | unit: level | wire: chatmsg.level';
--> statement-breakpoint
COMMENT ON COLUMN "chat_messages"."badge_name" IS 'Name of the fan badge (粉丝牌) the user wears, a streamer''s fan club; '''' when none (Douyu sends bnn empty), NULL when absent. | wire: chatmsg.bnn';
--> statement-breakpoint
COMMENT ON COLUMN "chat_messages"."badge_level" IS 'Level of the fan badge worn (intimacy with that streamer). NULL when absent or unparseable (not a decimal integer, or outside the int4 range; the text stays in fields). | unit: level | wire: chatmsg.bl | codes: 0 = no badge';
--> statement-breakpoint
COMMENT ON COLUMN "chat_messages"."badge_room_id" IS 'The room whose fan club the badge belongs to; often not the room the message is in. NULL when absent or unparseable (not a decimal integer, or outside the int4 range; the text stays in fields). | unit: Douyu room id | wire: chatmsg.brid | codes: 0 = no badge';
--> statement-breakpoint
COMMENT ON COLUMN "chat_messages"."noble_level" IS 'The user''s noble (贵族, paid membership) rank; higher is a more expensive rank. NULL when absent or unparseable (not a decimal integer, or outside the int4 range; the text stays in fields). | unit: rank | wire: chatmsg.nl | codes: 0 = not a noble';
--> statement-breakpoint
COMMENT ON COLUMN "chat_messages"."colour" IS 'Colour the message is shown in (paid or privileged colours). NULL when absent or unparseable (not a decimal integer, or outside the int4 range; the text stays in fields). | wire: chatmsg.col | codes: 0 = default (white); 1 = red; 2 = blue; 3 = green; 4 = orange; 5 = purple; 6 = pink';
--> statement-breakpoint
COMMENT ON COLUMN "chat_messages"."client_type" IS 'The client the message was sent from. Only 0 is known; 1, 2, 3, 8 and 14 are seen (apps, other platforms) but Douyu documents no mapping. NULL when absent or unparseable (not a decimal integer, or outside the int4 range; the text stays in fields). | wire: chatmsg.ct | codes: 0 = web browser';
--> statement-breakpoint
COMMENT ON COLUMN "chat_messages"."sent_at" IS 'The sender''s client time (cst): milliseconds, or seconds when it has 10 digits or fewer (then multiplied by 1000). NULL when absent or unparseable: not a decimal integer, not positive, or after 2200-01-01 (the text stays in fields). Douyu itself puts no server time on chat: use received_at. | unit: timestamptz | wire: chatmsg.cst';
--> statement-breakpoint
COMMENT ON COLUMN "chat_messages"."is_cross_room" IS 'True when the message names a room other than room_id: its rid is present, not empty, and is not room_id (a rid that is not a number counts as another room). Douyu broadcasts some messages across rooms. | wire: rid';
--> statement-breakpoint
COMMENT ON COLUMN "gifts"."uid" IS 'Douyu user id of the giver. NULL when absent or unparseable (not a decimal integer, or beyond ±(2^53 - 1); the text stays in fields). | wire: dgb.uid';
--> statement-breakpoint
COMMENT ON COLUMN "gifts"."nickname" IS 'The user''s display name at that moment (users can rename). NULL when absent. | wire: dgb.nn';
--> statement-breakpoint
COMMENT ON COLUMN "gifts"."level" IS 'The user''s Douyu account level (grows with activity, site-wide, not per room). NULL when absent or unparseable (not a decimal integer, or outside the int4 range; the text stays in fields). | unit: level | wire: dgb.level';
--> statement-breakpoint
COMMENT ON COLUMN "gifts"."gift_id" IS 'Douyu''s gift id (look names and prices up in Douyu''s gift list of the room). NULL when absent or unparseable (not a decimal integer, or outside the int4 range; the text stays in fields). | wire: dgb.gfid';
--> statement-breakpoint
COMMENT ON COLUMN "gifts"."gift_count" IS 'Number of gifts in this event: sum it for totals (sum skips NULL). 1 when gfcnt is absent (older bodies: one gift each); NULL when unparseable (not a decimal integer, or outside the int4 range; the text stays in fields). | unit: gifts | wire: dgb.gfcnt';
--> statement-breakpoint
COMMENT ON COLUMN "gifts"."combo_hits" IS 'Douyu''s running combo counter (the 39th in a row shows 39): never sum it. NULL when absent or unparseable (not a decimal integer, or outside the int4 range; the text stays in fields). | unit: count | wire: dgb.hits';
--> statement-breakpoint
COMMENT ON COLUMN "gifts"."badge_name" IS 'Name of the fan badge (粉丝牌) the user wears, a streamer''s fan club; '''' when none (Douyu sends bnn empty), NULL when absent. | wire: dgb.bnn';
--> statement-breakpoint
COMMENT ON COLUMN "gifts"."badge_level" IS 'Level of the fan badge worn (intimacy with that streamer). NULL when absent or unparseable (not a decimal integer, or outside the int4 range; the text stays in fields). | unit: level | wire: dgb.bl | codes: 0 = no badge';
--> statement-breakpoint
COMMENT ON COLUMN "gifts"."badge_room_id" IS 'The room whose fan club the badge belongs to; often not the room the message is in. NULL when absent or unparseable (not a decimal integer, or outside the int4 range; the text stays in fields). | unit: Douyu room id | wire: dgb.brid | codes: 0 = no badge';
--> statement-breakpoint
COMMENT ON COLUMN "gifts"."is_cross_room" IS 'True when the message names a room other than room_id: its rid is present, not empty, and is not room_id (a rid that is not a number counts as another room). Douyu broadcasts some messages across rooms. | wire: rid';
--> statement-breakpoint
COMMENT ON COLUMN "user_entries"."uid" IS 'Douyu user id of the viewer. NULL when absent or unparseable (not a decimal integer, or beyond ±(2^53 - 1); the text stays in fields). | wire: uenter.uid';
--> statement-breakpoint
COMMENT ON COLUMN "user_entries"."nickname" IS 'The user''s display name at that moment (users can rename). NULL when absent. | wire: uenter.nn';
--> statement-breakpoint
COMMENT ON COLUMN "user_entries"."level" IS 'The user''s Douyu account level (grows with activity, site-wide, not per room). NULL when absent or unparseable (not a decimal integer, or outside the int4 range; the text stays in fields). | unit: level | wire: uenter.level';
--> statement-breakpoint
COMMENT ON COLUMN "user_entries"."noble_level" IS 'The user''s noble (贵族, paid membership) rank; higher is a more expensive rank. NULL when absent or unparseable (not a decimal integer, or outside the int4 range; the text stays in fields). | unit: rank | wire: uenter.nl | codes: 0 = not a noble';
--> statement-breakpoint
COMMENT ON COLUMN "user_entries"."is_cross_room" IS 'True when the message names a room other than room_id: its rid is present, not empty, and is not room_id (a rid that is not a number counts as another room). Douyu broadcasts some messages across rooms. | wire: rid';
--> statement-breakpoint
COMMENT ON COLUMN "room_events"."is_cross_room" IS 'True when the message names a room other than room_id: its rid is present, not empty, and is not room_id (a rid that is not a number counts as another room). Douyu broadcasts some messages across rooms. | wire: rid';
--> statement-breakpoint
COMMENT ON COLUMN "chat_per_minute"."chatters" IS 'Distinct known uid that chatted in the minute (a NULL uid is no chatter). | unit: count';
--> statement-breakpoint
COMMENT ON VIEW "top_chatters_daily" IS 'Chatters ranked by messages per room and UTC day (from chatter_daily; rows without a known uid are left out; for Asia/Shanghai days rank chatter_daily yourself).';
--> statement-breakpoint
COMMENT ON COLUMN "gift_totals_daily"."gift_id" IS 'Douyu''s gift id (gifts.gift_id); NULL groups the gifts whose id is unknown.';
--> statement-breakpoint
COMMENT ON COLUMN "gift_totals_daily"."gifts" IS 'Sum of gift_count (gfcnt), never of combo hits; a NULL gift_count adds nothing (0 when none is known). | unit: gifts';
--> statement-breakpoint
COMMENT ON COLUMN "gift_totals_daily"."senders" IS 'Distinct known uid that gave this gift that day. | unit: count';
--> statement-breakpoint
COMMENT ON COLUMN "gift_totals_daily"."events" IS 'dgb messages (rows of gifts), unknown counts included. | unit: count';
