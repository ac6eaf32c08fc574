-- Which connection received each gift, entry and event (session_key: a 64-bit hash of the
-- collector's session id): the content merge never takes two rows of one connection for copies,
-- since one connection receives each broadcast once. Then the dictionary's COMMENTs.
ALTER TABLE "gifts" ADD COLUMN "session_key" bigint;--> statement-breakpoint
ALTER TABLE "room_events" ADD COLUMN "session_key" bigint;--> statement-breakpoint
ALTER TABLE "user_entries" ADD COLUMN "session_key" bigint;--> statement-breakpoint
-- Custom migration written by `pnpm dictionary:write`: the COMMENTs that the data dictionary
-- (services/writer/src/dictionary) gives and the earlier migrations did not set.
COMMENT ON COLUMN "gifts"."content_hash" IS 'The merge key: a 64-bit hash of the body exactly as received (signed). Two collectors on one room store a message once: a body already stored for the room from another connection (session_key) less than WRITER_MERGE_WINDOW_MS (default 2 s) apart in received_at is not stored again (RELIABILITY.md, "Redundant capture: the merge rule"). NULL on a reply to one session (loginres, keeplive, mrkl, pingreq, error: each session keeps its own) and on rows stored before migration 0012. | unit: hash | wire: the whole body';
--> statement-breakpoint
COMMENT ON COLUMN "gifts"."session_key" IS 'Which connection received the row: a 64-bit hash of the collector''s session id (signed). One connection receives each broadcast once, so the merge never takes two rows of one session for copies of each other. NULL on rows stored before migration 0013. | unit: hash | wire: the collector session id (not on the wire)';
--> statement-breakpoint
COMMENT ON COLUMN "user_entries"."content_hash" IS 'The merge key: a 64-bit hash of the body exactly as received (signed). Two collectors on one room store a message once: a body already stored for the room from another connection (session_key) less than WRITER_MERGE_WINDOW_MS (default 2 s) apart in received_at is not stored again (RELIABILITY.md, "Redundant capture: the merge rule"). NULL on a reply to one session (loginres, keeplive, mrkl, pingreq, error: each session keeps its own) and on rows stored before migration 0012. | unit: hash | wire: the whole body';
--> statement-breakpoint
COMMENT ON COLUMN "user_entries"."session_key" IS 'Which connection received the row: a 64-bit hash of the collector''s session id (signed). One connection receives each broadcast once, so the merge never takes two rows of one session for copies of each other. NULL on rows stored before migration 0013. | unit: hash | wire: the collector session id (not on the wire)';
--> statement-breakpoint
COMMENT ON COLUMN "room_events"."content_hash" IS 'The merge key: a 64-bit hash of the body exactly as received (signed). Two collectors on one room store a message once: a body already stored for the room from another connection (session_key) less than WRITER_MERGE_WINDOW_MS (default 2 s) apart in received_at is not stored again (RELIABILITY.md, "Redundant capture: the merge rule"). NULL on a reply to one session (loginres, keeplive, mrkl, pingreq, error: each session keeps its own) and on rows stored before migration 0012. | unit: hash | wire: the whole body';
--> statement-breakpoint
COMMENT ON COLUMN "room_events"."session_key" IS 'Which connection received the row: a 64-bit hash of the collector''s session id (signed). One connection receives each broadcast once, so the merge never takes two rows of one session for copies of each other. NULL on rows stored before migration 0013. | unit: hash | wire: the collector session id (not on the wire)';
