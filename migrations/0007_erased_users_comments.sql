-- Custom migration: the data dictionary (services/writer/src/dictionary) for erased_users, which
-- `danmaku erase` fills and the writer's inserts check (NOT EXISTS on its primary key).
COMMENT ON TABLE "erased_users" IS 'One row per user erased by `danmaku erase`: their rows were deleted from every table, and the writer drops their messages on ingest and on replay. Kafka''s raw topic cannot be rewritten: the bytes stay there until the topic''s retention removes them.';
--> statement-breakpoint
COMMENT ON COLUMN "erased_users"."uid" IS 'The Douyu user id erased (the uid of chatmsg, dgb, uenter, …).';
--> statement-breakpoint
COMMENT ON COLUMN "erased_users"."erased_at" IS 'When `danmaku erase` ran. | unit: timestamptz';
