-- A collector killed outright never sends `closed`, so its sessions stay open, and an open
-- session used to cover its room until infinity: the takeover left no gap. An open session that a
-- later session of the same room has superseded is now taken as lost: it covered its room only
-- up to the last row received from the room before that later session started connecting
-- (heartbeat replies are rows too, so this is at most one heartbeat interval early; the later
-- session's own first rows can arrive with its loginres, before its logged_in time). A session
-- still open with nothing after it covers up to now, as before.
CREATE OR REPLACE VIEW coverage_gaps AS
WITH sessions AS (
  SELECT room_id,
         logged_in_at,
         closed_at,
         lead(logged_in_at) OVER w AS next_logged_in_at,
         lead(coalesce(connecting_at, connected_at, logged_in_at)) OVER w AS next_started_at
  FROM collect_sessions
  WHERE logged_in_at IS NOT NULL
  WINDOW w AS (PARTITION BY room_id ORDER BY logged_in_at)
), spans AS (
  SELECT s.room_id,
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
  FROM sessions AS s
), ordered AS (
  SELECT room_id, starts_at,
         max(ends_at) OVER (
           PARTITION BY room_id ORDER BY starts_at, ends_at
           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
         ) AS covered_until
  FROM spans
)
SELECT room_id,
       covered_until AS gap_start,
       starts_at AS gap_end,
       extract(epoch FROM starts_at - covered_until)::double precision AS gap_seconds
FROM ordered
WHERE covered_until < starts_at;
