CREATE TABLE "erased_users" (
	"uid" bigint PRIMARY KEY NOT NULL,
	"erased_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gift_catalogue" (
	"gift_id" integer PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"price" bigint NOT NULL,
	"price_unit" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
