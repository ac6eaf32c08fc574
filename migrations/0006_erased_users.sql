CREATE TABLE "erased_users" (
	"uid" bigint PRIMARY KEY NOT NULL,
	"erased_at" timestamp with time zone DEFAULT now() NOT NULL
);
