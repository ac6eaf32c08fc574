-- Custom migration: gift_value_daily, the daily gift totals valued with gift_catalogue (filled by
-- `danmaku gifts import`). A LEFT JOIN: a gift the catalogue does not know keeps its row, with NULL
-- name, price and value, so uncatalogued gifts stay visible instead of counting as worth 0.
-- It reads gift_totals_daily, so it follows however that view is computed.
CREATE OR REPLACE VIEW gift_value_daily AS
SELECT t.room_id,
       t.day,
       t.gift_id,
       c.name AS gift_name,
       t.events,
       t.gifts,
       c.price,
       t.gifts * c.price AS value,
       c.price_unit
FROM gift_totals_daily t
LEFT JOIN gift_catalogue c ON c.gift_id = t.gift_id;
--> statement-breakpoint
-- The data dictionary (services/writer/src/dictionary) for gift_catalogue and gift_value_daily.
COMMENT ON TABLE "gift_catalogue" IS 'One row per Douyu gift id with its name and price, loaded from the room gift list (the web API''s giftList JSON) by `danmaku gifts import`; a re-import updates the row. Used by gift_value_daily.';
--> statement-breakpoint
COMMENT ON COLUMN "gift_catalogue"."gift_id" IS 'Douyu''s gift id, as in gifts.gift_id (dgb.gfid). | wire: giftList[].id';
--> statement-breakpoint
COMMENT ON COLUMN "gift_catalogue"."name" IS 'The gift name as the list gives it. | wire: giftList[].name';
--> statement-breakpoint
COMMENT ON COLUMN "gift_catalogue"."price" IS 'Price of one gift in price_unit, as the list gives it: for YUCHI (鱼翅, paid) in 1/100 鱼翅, i.e. yuan cents (1 鱼翅 = 1 yuan); for YUWAN (鱼丸, Douyu''s free currency) in 鱼丸. | unit: price_unit | wire: giftList[].priceInfo.price';
--> statement-breakpoint
COMMENT ON COLUMN "gift_catalogue"."price_unit" IS 'The currency of price, as the list gives it (priceInfo.priceType). | wire: giftList[].priceInfo.priceType | codes: YUCHI = 鱼翅, bought with money, priced in 1/100 鱼翅 (yuan cents); YUWAN = 鱼丸, earned for free by watching, priced in 鱼丸';
--> statement-breakpoint
COMMENT ON COLUMN "gift_catalogue"."imported_at" IS 'When the row was last inserted or changed by an import. | unit: timestamptz';
--> statement-breakpoint
COMMENT ON VIEW "gift_value_daily" IS 'Gifts per room, UTC day and gift id valued with gift_catalogue (from gift_totals_daily); gifts without a catalogue entry stay, with NULL name, price and value.';
--> statement-breakpoint
COMMENT ON COLUMN "gift_value_daily"."room_id" IS 'The room (as in chat_messages.room_id). | unit: Douyu room id';
--> statement-breakpoint
COMMENT ON COLUMN "gift_value_daily"."day" IS 'The UTC day of received_at. | unit: date (UTC)';
--> statement-breakpoint
COMMENT ON COLUMN "gift_value_daily"."gift_id" IS 'Douyu''s gift id (gifts.gift_id); NULL groups the gifts whose id is unknown.';
--> statement-breakpoint
COMMENT ON COLUMN "gift_value_daily"."gift_name" IS 'The gift name from gift_catalogue; NULL when gift_catalogue has no entry for the gift (see `danmaku gifts import`).';
--> statement-breakpoint
COMMENT ON COLUMN "gift_value_daily"."events" IS 'dgb messages (rows of gifts). | unit: count';
--> statement-breakpoint
COMMENT ON COLUMN "gift_value_daily"."gifts" IS 'Sum of gift_count (gfcnt), never of combo hits. | unit: gifts';
--> statement-breakpoint
COMMENT ON COLUMN "gift_value_daily"."price" IS 'Price of one gift, in price_unit; NULL when gift_catalogue has no entry for the gift (see `danmaku gifts import`). | unit: price_unit';
--> statement-breakpoint
COMMENT ON COLUMN "gift_value_daily"."value" IS 'gifts × price, in price_unit (YUCHI: yuan cents, so value / 100 is yuan); NULL when gift_catalogue has no entry for the gift (see `danmaku gifts import`). | unit: price_unit';
--> statement-breakpoint
COMMENT ON COLUMN "gift_value_daily"."price_unit" IS 'The currency of price and value (YUCHI or YUWAN, see gift_catalogue); NULL when gift_catalogue has no entry for the gift (see `danmaku gifts import`).';

--> statement-breakpoint
-- Custom migration: the data dictionary (services/writer/src/dictionary) for erased_users, which
-- `danmaku erase` fills and the writer's inserts check (NOT EXISTS on its primary key).
COMMENT ON TABLE "erased_users" IS 'One row per user erased by `danmaku erase`: their rows were deleted from every table, and the writer drops their messages on ingest and on replay. Kafka''s raw topic cannot be rewritten: the bytes stay there until the topic''s retention removes them.';
--> statement-breakpoint
COMMENT ON COLUMN "erased_users"."uid" IS 'The Douyu user id erased (the uid of chatmsg, dgb, uenter, …).';
--> statement-breakpoint
COMMENT ON COLUMN "erased_users"."erased_at" IS 'When `danmaku erase` ran. | unit: timestamptz';
