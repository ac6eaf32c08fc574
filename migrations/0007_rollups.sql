-- Custom migration: the daily rollups (room_daily_counts, chatter_daily, gift_daily, created by the
-- generated migration before this one) are kept by triggers, in the transaction that writes the
-- rows, equal to a recount of the stored rows:
-- * AFTER INSERT statement triggers with transition tables add the rows the statement really
--   inserted (a row skipped by ON CONFLICT DO NOTHING is not in the transition table, so a
--   redelivered record or a second collector's copy is never counted);
-- * AFTER DELETE and AFTER UPDATE triggers recount the (day zone, room, day) keys the statement
--   touched from the rows that remain: a replay's rewind, an erase, a data fix.
-- chatter_daily's own triggers keep room_daily_counts.chatters (distinct chatters are not
-- additive: a chatter is counted when their chatter_daily row appears, and uncounted when it goes).
-- Dropping partitions (retention) and TRUNCATE fire none of these: rollups outlive the raw rows.
-- danmaku_rebuild_rollups(from_day, to_day) recounts a range by hand.
-- Then the views: room_daily (the counters and the covered minutes), top_chatters_daily and
-- gift_totals_daily read the rollups, and collect_session_spans gives coverage_gaps and
-- room_coverage_daily one definition of what a session covered.
CREATE OR REPLACE FUNCTION danmaku_day_zones()
RETURNS SETOF text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ VALUES ('UTC'), ('Asia/Shanghai') $$;
--> statement-breakpoint
-- The days an instant falls on, one per day zone.
CREATE OR REPLACE FUNCTION danmaku_rollup_days(received timestamptz)
RETURNS TABLE (day_zone text, day date)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT z, (received AT TIME ZONE z)::date FROM danmaku_day_zones() AS z $$;
--> statement-breakpoint
-- When a day of a zone starts (its end is the start of day + 1).
CREATE OR REPLACE FUNCTION danmaku_day_start(zone text, local_day date)
RETURNS timestamptz
LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT local_day::timestamp AT TIME ZONE zone $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION danmaku_rollups_chat_inserted()
RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  INSERT INTO room_daily_counts AS r (day_zone, room_id, day, messages, robot_messages)
  SELECT d.day_zone, n.room_id, d.day, count(*), count(*) FILTER (WHERE n.is_robot)
  FROM new_rows AS n CROSS JOIN LATERAL danmaku_rollup_days(n.received_at) AS d
  GROUP BY n.room_id, d.day, d.day_zone
  ON CONFLICT (day_zone, room_id, day) DO UPDATE
  SET messages = r.messages + excluded.messages,
      robot_messages = r.robot_messages + excluded.robot_messages;
  -- The nickname is the latest non-NULL one of the day; the greater text breaks a tie in time.
  INSERT INTO chatter_daily AS c (day_zone, room_id, day, uid, messages, nickname, nickname_at)
  SELECT d.day_zone, n.room_id, d.day, n.uid, count(*),
         (array_agg(n.nickname ORDER BY n.received_at DESC, n.nickname DESC)
            FILTER (WHERE n.nickname IS NOT NULL))[1],
         max(n.received_at) FILTER (WHERE n.nickname IS NOT NULL)
  FROM new_rows AS n CROSS JOIN LATERAL danmaku_rollup_days(n.received_at) AS d
  GROUP BY n.room_id, d.day, n.uid, d.day_zone
  ON CONFLICT (day_zone, room_id, day, uid) DO UPDATE
  SET messages = c.messages + excluded.messages,
      nickname = CASE
        WHEN c.nickname_at IS NULL OR (excluded.nickname_at, excluded.nickname) > (c.nickname_at, c.nickname)
        THEN coalesce(excluded.nickname, c.nickname) ELSE c.nickname END,
      nickname_at = CASE
        WHEN c.nickname_at IS NULL OR (excluded.nickname_at, excluded.nickname) > (c.nickname_at, c.nickname)
        THEN coalesce(excluded.nickname_at, c.nickname_at) ELSE c.nickname_at END;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- A gift whose gfcnt is NULL counts as an event and adds nothing to gifts.
CREATE OR REPLACE FUNCTION danmaku_rollups_gifts_inserted()
RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  INSERT INTO room_daily_counts AS r (day_zone, room_id, day, gift_events, gifts)
  SELECT d.day_zone, n.room_id, d.day, count(*), coalesce(sum(n.gift_count), 0)
  FROM new_rows AS n CROSS JOIN LATERAL danmaku_rollup_days(n.received_at) AS d
  GROUP BY n.room_id, d.day, d.day_zone
  ON CONFLICT (day_zone, room_id, day) DO UPDATE
  SET gift_events = r.gift_events + excluded.gift_events, gifts = r.gifts + excluded.gifts;
  INSERT INTO gift_daily AS g (day_zone, room_id, day, gift_id, uid, gifts, events)
  SELECT d.day_zone, n.room_id, d.day, n.gift_id, n.uid, coalesce(sum(n.gift_count), 0), count(*)
  FROM new_rows AS n CROSS JOIN LATERAL danmaku_rollup_days(n.received_at) AS d
  GROUP BY n.room_id, d.day, n.gift_id, n.uid, d.day_zone
  ON CONFLICT (day_zone, room_id, day, gift_id, uid) DO UPDATE
  SET gifts = g.gifts + excluded.gifts, events = g.events + excluded.events;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION danmaku_rollups_entries_inserted()
RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  INSERT INTO room_daily_counts AS r (day_zone, room_id, day, entries)
  SELECT d.day_zone, n.room_id, d.day, count(*)
  FROM new_rows AS n CROSS JOIN LATERAL danmaku_rollup_days(n.received_at) AS d
  GROUP BY n.room_id, d.day, d.day_zone
  ON CONFLICT (day_zone, room_id, day) DO UPDATE SET entries = r.entries + excluded.entries;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- A chatter_daily row that appears is a new distinct chatter of its room-day (a NULL uid is none).
CREATE OR REPLACE FUNCTION danmaku_rollups_chatters_inserted()
RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  INSERT INTO room_daily_counts AS r (day_zone, room_id, day, chatters)
  SELECT n.day_zone, n.room_id, n.day, count(n.uid)
  FROM new_rows AS n
  GROUP BY n.day_zone, n.room_id, n.day
  HAVING count(n.uid) > 0
  ON CONFLICT (day_zone, room_id, day) DO UPDATE SET chatters = r.chatters + excluded.chatters;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION danmaku_rollups_chatters_deleted()
RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  UPDATE room_daily_counts AS r SET chatters = r.chatters - o.chatters
  FROM (
    SELECT day_zone, room_id, day, count(uid) AS chatters
    FROM old_rows GROUP BY day_zone, room_id, day
  ) AS o
  WHERE r.day_zone = o.day_zone AND r.room_id = o.room_id AND r.day = o.day AND o.chatters > 0;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Recounts the given (day zone, room, day) keys from the stored rows of chat_messages, gifts and
-- user_entries: their rollup rows are deleted and written again. Returns the number of keys.
CREATE OR REPLACE FUNCTION danmaku_recount_rollups(zones text[], rooms integer[], days date[])
RETURNS integer
LANGUAGE plpgsql
AS $$
DECLARE
  keys integer;
BEGIN
  SELECT count(*) INTO keys
  FROM (SELECT DISTINCT * FROM unnest(zones, rooms, days)) AS k(day_zone, room_id, day)
  WHERE k.day_zone IS NOT NULL;
  IF keys = 0 THEN
    RETURN 0;
  END IF;
  -- chatter_daily first: its delete trigger updates room_daily_counts, deleted next.
  DELETE FROM chatter_daily AS c USING unnest(zones, rooms, days) AS k(day_zone, room_id, day)
  WHERE c.day_zone = k.day_zone AND c.room_id = k.room_id AND c.day = k.day;
  DELETE FROM gift_daily AS g USING unnest(zones, rooms, days) AS k(day_zone, room_id, day)
  WHERE g.day_zone = k.day_zone AND g.room_id = k.room_id AND g.day = k.day;
  DELETE FROM room_daily_counts AS r USING unnest(zones, rooms, days) AS k(day_zone, room_id, day)
  WHERE r.day_zone = k.day_zone AND r.room_id = k.room_id AND r.day = k.day;
  INSERT INTO room_daily_counts
    (day_zone, room_id, day, messages, robot_messages, gift_events, gifts, entries)
  WITH k AS (
    SELECT DISTINCT day_zone, room_id, day,
           danmaku_day_start(day_zone, day) AS starts_at,
           danmaku_day_start(day_zone, day + 1) AS ends_at
    FROM unnest(zones, rooms, days) AS k(day_zone, room_id, day)
  )
  SELECT k.day_zone, k.room_id, k.day, m.messages, m.robot_messages, g.events, g.gifts, e.entries
  FROM k
  CROSS JOIN LATERAL (
    SELECT count(*) AS messages, count(*) FILTER (WHERE is_robot) AS robot_messages
    FROM chat_messages
    WHERE room_id = k.room_id AND received_at >= k.starts_at AND received_at < k.ends_at
  ) AS m
  CROSS JOIN LATERAL (
    SELECT count(*) AS events, coalesce(sum(gift_count), 0) AS gifts
    FROM gifts
    WHERE room_id = k.room_id AND received_at >= k.starts_at AND received_at < k.ends_at
  ) AS g
  CROSS JOIN LATERAL (
    SELECT count(*) AS entries
    FROM user_entries
    WHERE room_id = k.room_id AND received_at >= k.starts_at AND received_at < k.ends_at
  ) AS e
  WHERE m.messages > 0 OR g.events > 0 OR e.entries > 0;
  -- Its insert trigger adds the chatters to room_daily_counts.
  INSERT INTO chatter_daily (day_zone, room_id, day, uid, messages, nickname, nickname_at)
  WITH k AS (
    SELECT DISTINCT day_zone, room_id, day,
           danmaku_day_start(day_zone, day) AS starts_at,
           danmaku_day_start(day_zone, day + 1) AS ends_at
    FROM unnest(zones, rooms, days) AS k(day_zone, room_id, day)
  )
  SELECT k.day_zone, k.room_id, k.day, m.uid, count(*),
         (array_agg(m.nickname ORDER BY m.received_at DESC, m.nickname DESC)
            FILTER (WHERE m.nickname IS NOT NULL))[1],
         max(m.received_at) FILTER (WHERE m.nickname IS NOT NULL)
  FROM k
  JOIN chat_messages AS m
    ON m.room_id = k.room_id AND m.received_at >= k.starts_at AND m.received_at < k.ends_at
  GROUP BY k.day_zone, k.room_id, k.day, m.uid;
  INSERT INTO gift_daily (day_zone, room_id, day, gift_id, uid, gifts, events)
  WITH k AS (
    SELECT DISTINCT day_zone, room_id, day,
           danmaku_day_start(day_zone, day) AS starts_at,
           danmaku_day_start(day_zone, day + 1) AS ends_at
    FROM unnest(zones, rooms, days) AS k(day_zone, room_id, day)
  )
  SELECT k.day_zone, k.room_id, k.day, g.gift_id, g.uid, coalesce(sum(g.gift_count), 0), count(*)
  FROM k
  JOIN gifts AS g
    ON g.room_id = k.room_id AND g.received_at >= k.starts_at AND g.received_at < k.ends_at
  GROUP BY k.day_zone, k.room_id, k.day, g.gift_id, g.uid;
  RETURN keys;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION danmaku_rollups_rows_deleted()
RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  PERFORM danmaku_recount_rollups(array_agg(k.day_zone), array_agg(k.room_id), array_agg(k.day))
  FROM (
    SELECT DISTINCT d.day_zone, o.room_id, d.day
    FROM old_rows AS o CROSS JOIN LATERAL danmaku_rollup_days(o.received_at) AS d
  ) AS k;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION danmaku_rollups_rows_updated()
RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  PERFORM danmaku_recount_rollups(array_agg(k.day_zone), array_agg(k.room_id), array_agg(k.day))
  FROM (
    SELECT d.day_zone, o.room_id, d.day
    FROM old_rows AS o CROSS JOIN LATERAL danmaku_rollup_days(o.received_at) AS d
    UNION
    SELECT d.day_zone, n.room_id, d.day
    FROM new_rows AS n CROSS JOIN LATERAL danmaku_rollup_days(n.received_at) AS d
  ) AS k;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER chat_messages_rollups_insert AFTER INSERT ON chat_messages
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION danmaku_rollups_chat_inserted();
--> statement-breakpoint
CREATE TRIGGER gifts_rollups_insert AFTER INSERT ON gifts
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION danmaku_rollups_gifts_inserted();
--> statement-breakpoint
CREATE TRIGGER user_entries_rollups_insert AFTER INSERT ON user_entries
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION danmaku_rollups_entries_inserted();
--> statement-breakpoint
CREATE TRIGGER chatter_daily_chatters_insert AFTER INSERT ON chatter_daily
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION danmaku_rollups_chatters_inserted();
--> statement-breakpoint
CREATE TRIGGER chatter_daily_chatters_delete AFTER DELETE ON chatter_daily
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION danmaku_rollups_chatters_deleted();
--> statement-breakpoint
CREATE TRIGGER chat_messages_rollups_delete AFTER DELETE ON chat_messages
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION danmaku_rollups_rows_deleted();
--> statement-breakpoint
CREATE TRIGGER gifts_rollups_delete AFTER DELETE ON gifts
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION danmaku_rollups_rows_deleted();
--> statement-breakpoint
CREATE TRIGGER user_entries_rollups_delete AFTER DELETE ON user_entries
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION danmaku_rollups_rows_deleted();
--> statement-breakpoint
CREATE TRIGGER chat_messages_rollups_update AFTER UPDATE ON chat_messages
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION danmaku_rollups_rows_updated();
--> statement-breakpoint
CREATE TRIGGER gifts_rollups_update AFTER UPDATE ON gifts
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION danmaku_rollups_rows_updated();
--> statement-breakpoint
CREATE TRIGGER user_entries_rollups_update AFTER UPDATE ON user_entries
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION danmaku_rollups_rows_updated();
--> statement-breakpoint
-- Recounts every room-day of [from_day, to_day) (NULL: unbounded), UTC and Asia/Shanghai days,
-- from the stored rows: for after a TRUNCATE or a partition detached by hand. A day whose rows
-- retention has dropped recounts to nothing, so keep the range to days still stored.
-- Usage: SELECT danmaku_rebuild_rollups('2024-07-01', '2024-07-08'); returns the keys recounted.
CREATE OR REPLACE FUNCTION danmaku_rebuild_rollups(from_day date, to_day date)
RETURNS integer
LANGUAGE plpgsql
AS $$
DECLARE
  lo timestamptz := coalesce((from_day - 1)::timestamp AT TIME ZONE 'UTC', '-infinity');
  hi timestamptz := coalesce((to_day + 1)::timestamp AT TIME ZONE 'UTC', 'infinity');
BEGIN
  RETURN danmaku_recount_rollups(array_agg(k.day_zone), array_agg(k.room_id), array_agg(k.day))
  FROM (
    SELECT d.day_zone, t.room_id, d.day
    FROM (
      SELECT room_id, received_at FROM chat_messages WHERE received_at >= lo AND received_at < hi
      UNION ALL
      SELECT room_id, received_at FROM gifts WHERE received_at >= lo AND received_at < hi
      UNION ALL
      SELECT room_id, received_at FROM user_entries WHERE received_at >= lo AND received_at < hi
    ) AS t
    CROSS JOIN LATERAL danmaku_rollup_days(t.received_at) AS d
    UNION
    SELECT day_zone, room_id, day FROM room_daily_counts
    UNION
    SELECT day_zone, room_id, day FROM chatter_daily
    UNION
    SELECT day_zone, room_id, day FROM gift_daily
  ) AS k
  WHERE (from_day IS NULL OR k.day >= from_day) AND (to_day IS NULL OR k.day < to_day);
END;
$$;
--> statement-breakpoint
SELECT danmaku_rebuild_rollups(NULL, NULL);
--> statement-breakpoint
-- What each logged-in collect session covered of its room: from logged_in_at to closed_at. A
-- collector killed outright never sends `closed`: an open session that a later session of the
-- same room has superseded covered its room only up to the last row received from the room before
-- that later session started connecting (heartbeat replies are rows too, so this is at most one
-- heartbeat interval early; the later session's own first rows can arrive with its loginres,
-- before its logged_in time). A session still open with nothing after it covers up to infinity
-- (read: now).
CREATE VIEW collect_session_spans AS
WITH sessions AS (
  SELECT session_id,
         room_id,
         logged_in_at,
         closed_at,
         lead(logged_in_at) OVER w AS next_logged_in_at,
         lead(coalesce(connecting_at, connected_at, logged_in_at)) OVER w AS next_started_at
  FROM collect_sessions
  WHERE logged_in_at IS NOT NULL
  WINDOW w AS (PARTITION BY room_id ORDER BY logged_in_at)
)
SELECT s.session_id,
       s.room_id,
       s.logged_in_at AS starts_at,
       CASE
         WHEN s.closed_at IS NOT NULL THEN s.closed_at
         WHEN s.next_logged_in_at IS NULL THEN 'infinity'::timestamptz
         ELSE greatest(s.logged_in_at, (
           SELECT max(last.received_at)
           FROM (
             SELECT max(received_at) AS received_at FROM chat_messages
              WHERE room_id = s.room_id
                AND received_at >= s.logged_in_at AND received_at < s.next_started_at
             UNION ALL
             SELECT max(received_at) FROM gifts
              WHERE room_id = s.room_id
                AND received_at >= s.logged_in_at AND received_at < s.next_started_at
             UNION ALL
             SELECT max(received_at) FROM user_entries
              WHERE room_id = s.room_id
                AND received_at >= s.logged_in_at AND received_at < s.next_started_at
             UNION ALL
             SELECT max(received_at) FROM room_events
              WHERE room_id = s.room_id
                AND received_at >= s.logged_in_at AND received_at < s.next_started_at
           ) AS last
         ))
       END AS ends_at
FROM sessions AS s;
--> statement-breakpoint
CREATE OR REPLACE VIEW coverage_gaps AS
WITH ordered AS (
  SELECT room_id, starts_at,
         max(ends_at) OVER (
           PARTITION BY room_id ORDER BY starts_at, ends_at
           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
         ) AS covered_until
  FROM collect_session_spans
)
SELECT room_id,
       covered_until AS gap_start,
       starts_at AS gap_end,
       extract(epoch FROM starts_at - covered_until)::double precision AS gap_seconds
FROM ordered
WHERE covered_until < starts_at;
--> statement-breakpoint
-- Minutes of each day a collect session was logged in to the room: the union of the room's
-- collect_session_spans (overlaps counted once, an open session up to now), cut at the day's
-- bounds in its zone.
CREATE VIEW room_coverage_daily AS
WITH spans AS (
  SELECT room_id, starts_at, least(ends_at, now()) AS ends_at FROM collect_session_spans
), flagged AS (
  SELECT room_id, starts_at, ends_at,
         CASE WHEN starts_at <= max(ends_at) OVER (
           PARTITION BY room_id ORDER BY starts_at, ends_at
           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
         ) THEN 0 ELSE 1 END AS starts_island
  FROM spans
  WHERE ends_at > starts_at
), islands AS (
  SELECT room_id, starts_at, ends_at,
         sum(starts_island) OVER (
           PARTITION BY room_id ORDER BY starts_at, ends_at ROWS UNBOUNDED PRECEDING
         ) AS island
  FROM flagged
), merged AS (
  SELECT room_id, min(starts_at) AS starts_at, max(ends_at) AS ends_at
  FROM islands GROUP BY room_id, island
), per_day AS (
  SELECT z.day_zone, m.room_id, d.day,
         least(m.ends_at, danmaku_day_start(z.day_zone, d.day + 1))
           - greatest(m.starts_at, danmaku_day_start(z.day_zone, d.day)) AS covered
  FROM merged AS m
  CROSS JOIN danmaku_day_zones() AS z(day_zone)
  CROSS JOIN LATERAL (
    SELECT (m.starts_at AT TIME ZONE z.day_zone)::date + i AS day
    FROM generate_series(
      0, (m.ends_at AT TIME ZONE z.day_zone)::date - (m.starts_at AT TIME ZONE z.day_zone)::date
    ) AS i
  ) AS d
)
SELECT day_zone, room_id, day,
       (sum(extract(epoch FROM covered)) / 60)::double precision AS covered_minutes
FROM per_day
WHERE covered > interval '0'
GROUP BY day_zone, room_id, day;
--> statement-breakpoint
CREATE VIEW room_daily AS
SELECT day_zone, room_id, day,
       sum(messages)::bigint AS messages,
       sum(chatters)::bigint AS chatters,
       sum(robot_messages)::bigint AS robot_messages,
       sum(gift_events)::bigint AS gift_events,
       sum(gifts)::bigint AS gifts,
       sum(entries)::bigint AS entries,
       sum(covered_minutes)::double precision AS covered_minutes
FROM (
  SELECT day_zone, room_id, day, messages, chatters, robot_messages, gift_events, gifts, entries,
         0::double precision AS covered_minutes
  FROM room_daily_counts
  UNION ALL
  SELECT day_zone, room_id, day, 0, 0, 0, 0, 0, 0, covered_minutes
  FROM room_coverage_daily
) AS parts
GROUP BY day_zone, room_id, day;
--> statement-breakpoint
CREATE OR REPLACE VIEW top_chatters_daily AS
SELECT room_id, day, uid, nickname, messages,
       rank() OVER (PARTITION BY room_id, day ORDER BY messages DESC) AS rank
FROM chatter_daily
WHERE day_zone = 'UTC';
--> statement-breakpoint
-- Gift totals count gifts (gfcnt), never combo hits: hits is a running combo counter.
CREATE OR REPLACE VIEW gift_totals_daily AS
SELECT room_id, day, gift_id,
       sum(gifts)::bigint AS gifts,
       count(uid) AS senders,
       sum(events)::bigint AS events
FROM gift_daily
WHERE day_zone = 'UTC'
GROUP BY room_id, day, gift_id;
--> statement-breakpoint
-- The data dictionary's comments on the rollups and the views they changed.
COMMENT ON TABLE "room_daily_counts" IS 'Counters per room and day (UTC and Asia/Shanghai days); read them through room_daily, which adds the covered minutes. Kept by triggers on the event tables in the transaction that writes the rows, equal to a recount of the stored rows; rows dropped by retention stay counted.';
--> statement-breakpoint
COMMENT ON COLUMN "room_daily_counts"."day_zone" IS 'Which clock the day is on: every room-day exists once per zone. Filter on it, or every count doubles. | codes: UTC = UTC days, like the partitions; Asia/Shanghai = China''s days (UTC+8), Douyu''s audience''s';
--> statement-breakpoint
COMMENT ON COLUMN "room_daily_counts"."room_id" IS 'The room (as in chat_messages.room_id). | unit: Douyu room id';
--> statement-breakpoint
COMMENT ON COLUMN "room_daily_counts"."day" IS 'The day of received_at in day_zone. | unit: date (in day_zone)';
--> statement-breakpoint
COMMENT ON COLUMN "room_daily_counts"."messages" IS 'Chat messages (rows of chat_messages). | unit: count';
--> statement-breakpoint
COMMENT ON COLUMN "room_daily_counts"."chatters" IS 'Distinct non-NULL uid that chatted (rows of chatter_daily with a uid): not additive across days or rooms. | unit: count';
--> statement-breakpoint
COMMENT ON COLUMN "room_daily_counts"."robot_messages" IS 'Chat messages with is_robot (no dms field). | unit: count';
--> statement-breakpoint
COMMENT ON COLUMN "room_daily_counts"."gift_events" IS 'dgb messages (rows of gifts). | unit: count';
--> statement-breakpoint
COMMENT ON COLUMN "room_daily_counts"."gifts" IS 'Sum of gift_count (gfcnt), never of combo hits; a NULL gift_count adds 0. | unit: gifts';
--> statement-breakpoint
COMMENT ON COLUMN "room_daily_counts"."entries" IS 'uenter messages (rows of user_entries). | unit: count';
--> statement-breakpoint
COMMENT ON TABLE "chatter_daily" IS 'One row per chatter, room and day (UTC and Asia/Shanghai days): what top_chatters_daily ranks and room_daily_counts.chatters counts. Kept by triggers on the event tables in the transaction that writes the rows, equal to a recount of the stored rows; rows dropped by retention stay counted.';
--> statement-breakpoint
COMMENT ON COLUMN "chatter_daily"."day_zone" IS 'Which clock the day is on: every room-day exists once per zone. Filter on it, or every count doubles. | codes: UTC = UTC days, like the partitions; Asia/Shanghai = China''s days (UTC+8), Douyu''s audience''s';
--> statement-breakpoint
COMMENT ON COLUMN "chatter_daily"."room_id" IS 'The room (as in chat_messages.room_id). | unit: Douyu room id';
--> statement-breakpoint
COMMENT ON COLUMN "chatter_daily"."day" IS 'The day of received_at in day_zone. | unit: date (in day_zone)';
--> statement-breakpoint
COMMENT ON COLUMN "chatter_daily"."uid" IS 'Douyu user id (chat_messages.uid); the messages whose uid is NULL share one row with uid NULL, which counts as no chatter.';
--> statement-breakpoint
COMMENT ON COLUMN "chatter_daily"."messages" IS 'Chat messages of the uid that day in that room. | unit: count';
--> statement-breakpoint
COMMENT ON COLUMN "chatter_daily"."nickname" IS 'The uid''s latest non-NULL nickname that day (the greater text when two messages share the instant); NULL when none had one.';
--> statement-breakpoint
COMMENT ON COLUMN "chatter_daily"."nickname_at" IS 'received_at of the message the nickname comes from. | unit: timestamptz';
--> statement-breakpoint
COMMENT ON TABLE "gift_daily" IS 'One row per room, day (UTC and Asia/Shanghai days), gift id and sender: what gift_totals_daily sums. Kept by triggers on the event tables in the transaction that writes the rows, equal to a recount of the stored rows; rows dropped by retention stay counted.';
--> statement-breakpoint
COMMENT ON COLUMN "gift_daily"."day_zone" IS 'Which clock the day is on: every room-day exists once per zone. Filter on it, or every count doubles. | codes: UTC = UTC days, like the partitions; Asia/Shanghai = China''s days (UTC+8), Douyu''s audience''s';
--> statement-breakpoint
COMMENT ON COLUMN "gift_daily"."room_id" IS 'The room (as in chat_messages.room_id). | unit: Douyu room id';
--> statement-breakpoint
COMMENT ON COLUMN "gift_daily"."day" IS 'The day of received_at in day_zone. | unit: date (in day_zone)';
--> statement-breakpoint
COMMENT ON COLUMN "gift_daily"."gift_id" IS 'Douyu''s gift id (gifts.gift_id); NULL groups the gifts without one.';
--> statement-breakpoint
COMMENT ON COLUMN "gift_daily"."uid" IS 'The sender (gifts.uid); NULL groups the gifts without one.';
--> statement-breakpoint
COMMENT ON COLUMN "gift_daily"."gifts" IS 'Sum of gift_count (gfcnt), never of combo hits; a NULL gift_count adds 0. | unit: gifts';
--> statement-breakpoint
COMMENT ON COLUMN "gift_daily"."events" IS 'dgb messages (rows of gifts). | unit: count';
--> statement-breakpoint
COMMENT ON VIEW "top_chatters_daily" IS 'Chatters ranked by messages per room and UTC day (from chatter_daily; for Asia/Shanghai days rank chatter_daily yourself).';
--> statement-breakpoint
COMMENT ON COLUMN "top_chatters_daily"."nickname" IS 'The user''s latest non-NULL nickname that day.';
--> statement-breakpoint
COMMENT ON VIEW "gift_totals_daily" IS 'Gifts per room, UTC day and gift id (from gift_daily; Asia/Shanghai days are there too): counts, not money.';
--> statement-breakpoint
COMMENT ON COLUMN "gift_totals_daily"."senders" IS 'Distinct non-NULL uid that gave this gift that day. | unit: count';
--> statement-breakpoint
COMMENT ON VIEW "coverage_gaps" IS 'Stretches when no collect session was logged in to a room: missing data, not a quiet room (between the collect_session_spans of the room).';
--> statement-breakpoint
COMMENT ON VIEW "collect_session_spans" IS 'What each logged-in collect session covered of its room (from collect_sessions): what coverage_gaps and room_coverage_daily are computed from.';
--> statement-breakpoint
COMMENT ON COLUMN "collect_session_spans"."session_id" IS 'The session (collect_sessions.session_id).';
--> statement-breakpoint
COMMENT ON COLUMN "collect_session_spans"."room_id" IS 'The room (as in chat_messages.room_id). | unit: Douyu room id';
--> statement-breakpoint
COMMENT ON COLUMN "collect_session_spans"."starts_at" IS 'logged_in_at: from here on the room was covered. | unit: timestamptz';
--> statement-breakpoint
COMMENT ON COLUMN "collect_session_spans"."ends_at" IS 'closed_at; for a session left open (collector killed) that a later session of the room superseded, the last row received from the room before the later one started connecting (at most one heartbeat early); ''infinity'' for the room''s latest session while it is open. | unit: timestamptz';
--> statement-breakpoint
COMMENT ON VIEW "room_coverage_daily" IS 'Minutes per room and day (UTC and Asia/Shanghai days) when a collect session was logged in to the room: the union of its collect_session_spans (overlaps once, an open session up to now), cut at the day bounds. Computed when read.';
--> statement-breakpoint
COMMENT ON COLUMN "room_coverage_daily"."day_zone" IS 'Which clock the day is on: every room-day exists once per zone. Filter on it, or every count doubles. | codes: UTC = UTC days, like the partitions; Asia/Shanghai = China''s days (UTC+8), Douyu''s audience''s';
--> statement-breakpoint
COMMENT ON COLUMN "room_coverage_daily"."room_id" IS 'The room (as in chat_messages.room_id). | unit: Douyu room id';
--> statement-breakpoint
COMMENT ON COLUMN "room_coverage_daily"."day" IS 'The day in day_zone. | unit: date (in day_zone)';
--> statement-breakpoint
COMMENT ON COLUMN "room_coverage_daily"."covered_minutes" IS 'Covered time of the day; 1440 is the whole day. Never 0 (such days are absent). | unit: minutes';
--> statement-breakpoint
COMMENT ON VIEW "room_daily" IS 'The daily summary per room, UTC and Asia/Shanghai days: room_daily_counts plus room_coverage_daily. A day with coverage and no rows shows 0 counts (a quiet room); a day with rows and no coverage shows covered_minutes 0.';
--> statement-breakpoint
COMMENT ON COLUMN "room_daily"."day_zone" IS 'Which clock the day is on: every room-day exists once per zone. Filter on it, or every count doubles. | codes: UTC = UTC days, like the partitions; Asia/Shanghai = China''s days (UTC+8), Douyu''s audience''s';
--> statement-breakpoint
COMMENT ON COLUMN "room_daily"."room_id" IS 'The room (as in chat_messages.room_id). | unit: Douyu room id';
--> statement-breakpoint
COMMENT ON COLUMN "room_daily"."day" IS 'The day of received_at in day_zone. | unit: date (in day_zone)';
--> statement-breakpoint
COMMENT ON COLUMN "room_daily"."messages" IS 'Chat messages. | unit: count';
--> statement-breakpoint
COMMENT ON COLUMN "room_daily"."chatters" IS 'Distinct non-NULL uid that chatted. | unit: count';
--> statement-breakpoint
COMMENT ON COLUMN "room_daily"."robot_messages" IS 'Chat messages with is_robot (no dms field). | unit: count';
--> statement-breakpoint
COMMENT ON COLUMN "room_daily"."gift_events" IS 'dgb messages (rows of gifts). | unit: count';
--> statement-breakpoint
COMMENT ON COLUMN "room_daily"."gifts" IS 'Sum of gift_count (gfcnt), never of combo hits. | unit: gifts';
--> statement-breakpoint
COMMENT ON COLUMN "room_daily"."entries" IS 'uenter messages (rows of user_entries). | unit: count';
--> statement-breakpoint
COMMENT ON COLUMN "room_daily"."covered_minutes" IS 'Minutes of the day a collect session was logged in (room_coverage_daily). | unit: minutes';
