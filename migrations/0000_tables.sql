CREATE TABLE "chat_message_ids" (
	"room_id" integer NOT NULL,
	"cid" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"source_partition" integer NOT NULL,
	"source_offset" bigint NOT NULL,
	CONSTRAINT "chat_message_ids_pkey" PRIMARY KEY("room_id","cid")
);
--> statement-breakpoint
CREATE TABLE "chat_messages" (
	"received_at" timestamp with time zone NOT NULL,
	"room_id" integer NOT NULL,
	"cid" text NOT NULL,
	"uid" bigint NOT NULL,
	"nickname" text NOT NULL,
	"text" text NOT NULL,
	"level" integer NOT NULL,
	"badge_name" text NOT NULL,
	"badge_level" integer NOT NULL,
	"badge_room_id" integer NOT NULL,
	"noble_level" integer NOT NULL,
	"colour" integer NOT NULL,
	"client_type" integer NOT NULL,
	"sent_at" timestamp with time zone,
	"is_robot" boolean NOT NULL,
	"is_cross_room" boolean NOT NULL,
	"fields" jsonb NOT NULL,
	"source_partition" integer NOT NULL,
	"source_offset" bigint NOT NULL,
	CONSTRAINT "chat_messages_source_key" UNIQUE("source_partition","source_offset","received_at")
);
--> statement-breakpoint
CREATE TABLE "gifts" (
	"received_at" timestamp with time zone NOT NULL,
	"room_id" integer NOT NULL,
	"uid" bigint NOT NULL,
	"nickname" text NOT NULL,
	"level" integer NOT NULL,
	"gift_id" integer NOT NULL,
	"gift_count" integer NOT NULL,
	"combo_hits" integer NOT NULL,
	"badge_name" text NOT NULL,
	"badge_level" integer NOT NULL,
	"badge_room_id" integer NOT NULL,
	"is_cross_room" boolean NOT NULL,
	"fields" jsonb NOT NULL,
	"source_partition" integer NOT NULL,
	"source_offset" bigint NOT NULL,
	CONSTRAINT "gifts_source_key" UNIQUE("source_partition","source_offset","received_at")
);
--> statement-breakpoint
CREATE TABLE "room_events" (
	"received_at" timestamp with time zone NOT NULL,
	"room_id" integer NOT NULL,
	"type" text NOT NULL,
	"is_cross_room" boolean NOT NULL,
	"fields" jsonb NOT NULL,
	"body" text,
	"source_partition" integer NOT NULL,
	"source_offset" bigint NOT NULL,
	CONSTRAINT "room_events_source_key" UNIQUE("source_partition","source_offset","received_at")
);
--> statement-breakpoint
CREATE TABLE "user_entries" (
	"received_at" timestamp with time zone NOT NULL,
	"room_id" integer NOT NULL,
	"uid" bigint NOT NULL,
	"nickname" text NOT NULL,
	"level" integer NOT NULL,
	"noble_level" integer NOT NULL,
	"is_cross_room" boolean NOT NULL,
	"fields" jsonb NOT NULL,
	"source_partition" integer NOT NULL,
	"source_offset" bigint NOT NULL,
	CONSTRAINT "user_entries_source_key" UNIQUE("source_partition","source_offset","received_at")
);
--> statement-breakpoint
CREATE TABLE "collect_sessions" (
	"session_id" text PRIMARY KEY NOT NULL,
	"room_id" integer NOT NULL,
	"collector" text NOT NULL,
	"transport" text NOT NULL,
	"endpoint" text NOT NULL,
	"connecting_at" timestamp with time zone,
	"connected_at" timestamp with time zone,
	"logged_in_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"close_reason" text,
	"messages" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ingest_errors" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ingest_errors_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"topic" text NOT NULL,
	"partition" integer NOT NULL,
	"offset" bigint NOT NULL,
	"received_at" timestamp with time zone,
	"raw_key" "bytea",
	"raw_value" "bytea",
	"headers" jsonb NOT NULL,
	"reason" text NOT NULL,
	"detail" text,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ingest_errors_source_key" UNIQUE("topic","partition","offset")
);
--> statement-breakpoint
CREATE TABLE "ingest_offsets" (
	"consumer_group" text NOT NULL,
	"topic" text NOT NULL,
	"partition" integer NOT NULL,
	"next_offset" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ingest_offsets_pkey" PRIMARY KEY("consumer_group","topic","partition")
);
--> statement-breakpoint
CREATE INDEX "chat_message_ids_received_at_brin" ON "chat_message_ids" USING brin ("received_at");--> statement-breakpoint
CREATE INDEX "chat_messages_received_at_brin" ON "chat_messages" USING brin ("received_at");--> statement-breakpoint
CREATE INDEX "chat_messages_room_time_idx" ON "chat_messages" USING btree ("room_id","received_at");--> statement-breakpoint
CREATE INDEX "chat_messages_uid_time_idx" ON "chat_messages" USING btree ("uid","received_at");--> statement-breakpoint
CREATE INDEX "gifts_received_at_brin" ON "gifts" USING brin ("received_at");--> statement-breakpoint
CREATE INDEX "gifts_room_time_idx" ON "gifts" USING btree ("room_id","received_at");--> statement-breakpoint
CREATE INDEX "gifts_uid_time_idx" ON "gifts" USING btree ("uid","received_at");--> statement-breakpoint
CREATE INDEX "room_events_received_at_brin" ON "room_events" USING brin ("received_at");--> statement-breakpoint
CREATE INDEX "room_events_room_time_idx" ON "room_events" USING btree ("room_id","received_at");--> statement-breakpoint
CREATE INDEX "room_events_type_time_idx" ON "room_events" USING btree ("type","received_at");--> statement-breakpoint
CREATE INDEX "user_entries_received_at_brin" ON "user_entries" USING brin ("received_at");--> statement-breakpoint
CREATE INDEX "user_entries_room_time_idx" ON "user_entries" USING btree ("room_id","received_at");--> statement-breakpoint
CREATE INDEX "user_entries_uid_time_idx" ON "user_entries" USING btree ("uid","received_at");--> statement-breakpoint
CREATE INDEX "collect_sessions_room_logged_in_idx" ON "collect_sessions" USING btree ("room_id","logged_in_at");--> statement-breakpoint
CREATE INDEX "ingest_errors_reason_idx" ON "ingest_errors" USING btree ("reason","recorded_at");