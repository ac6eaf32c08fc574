CREATE TABLE "chatter_daily" (
	"day_zone" text NOT NULL,
	"room_id" integer NOT NULL,
	"day" date NOT NULL,
	"uid" bigint,
	"messages" bigint DEFAULT 0 NOT NULL,
	"nickname" text,
	"nickname_at" timestamp with time zone,
	CONSTRAINT "chatter_daily_key" UNIQUE NULLS NOT DISTINCT("room_id","day","uid","day_zone"),
	CONSTRAINT "chatter_daily_day_zone_check" CHECK ("day_zone" IN ('UTC', 'Asia/Shanghai'))
);
--> statement-breakpoint
CREATE TABLE "gift_daily" (
	"day_zone" text NOT NULL,
	"room_id" integer NOT NULL,
	"day" date NOT NULL,
	"gift_id" integer,
	"uid" bigint,
	"gifts" bigint DEFAULT 0 NOT NULL,
	"events" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "gift_daily_key" UNIQUE NULLS NOT DISTINCT("room_id","day","gift_id","uid","day_zone"),
	CONSTRAINT "gift_daily_day_zone_check" CHECK ("day_zone" IN ('UTC', 'Asia/Shanghai'))
);
--> statement-breakpoint
CREATE TABLE "room_daily_counts" (
	"day_zone" text NOT NULL,
	"room_id" integer NOT NULL,
	"day" date NOT NULL,
	"messages" bigint DEFAULT 0 NOT NULL,
	"chatters" bigint DEFAULT 0 NOT NULL,
	"robot_messages" bigint DEFAULT 0 NOT NULL,
	"gift_events" bigint DEFAULT 0 NOT NULL,
	"gifts" bigint DEFAULT 0 NOT NULL,
	"entries" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "room_daily_counts_pkey" PRIMARY KEY("room_id","day","day_zone"),
	CONSTRAINT "room_daily_counts_day_zone_check" CHECK ("day_zone" IN ('UTC', 'Asia/Shanghai'))
);
