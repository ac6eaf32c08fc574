import { sql } from 'drizzle-orm';
import { bigint, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Gift id → name and price, from Douyu's room gift list (`danmaku gifts import`). Not
 * partitioned and small (a few hundred gifts); an import upserts, so it holds the latest price.
 */
export const giftCatalogue = pgTable('gift_catalogue', {
  giftId: integer('gift_id').primaryKey(),
  name: text('name').notNull(),
  price: bigint('price', { mode: 'number' }).notNull(),
  priceUnit: text('price_unit').notNull(),
  importedAt: at('imported_at')
    .notNull()
    .default(sql`now()`),
});
