import { numberArray, textArray } from '../pg-array.js';
import type { SqlExecutor } from '../sql-client.js';
import type { CatalogueGift } from './gift-list.js';

export interface GiftImportCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

// One statement: new ids are inserted, changed ones updated, equal ones left alone (so
// imported_at says when a gift last changed). xmax = 0 tells an inserted row from an updated one.
const upsertSql = `INSERT INTO gift_catalogue (gift_id, name, price, price_unit)
SELECT * FROM unnest($1::int4[], $2::text[], $3::int8[], $4::text[])
ON CONFLICT (gift_id) DO UPDATE
SET name = excluded.name, price = excluded.price, price_unit = excluded.price_unit, imported_at = now()
WHERE (gift_catalogue.name, gift_catalogue.price, gift_catalogue.price_unit)
  IS DISTINCT FROM (excluded.name, excluded.price, excluded.price_unit)
RETURNING (xmax = 0) AS inserted`;

/** Upserts the gifts into gift_catalogue; importing the same list again changes nothing. */
export async function importGifts(
  db: SqlExecutor,
  gifts: readonly CatalogueGift[],
): Promise<GiftImportCounts> {
  if (gifts.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  const result = await db.query<{ inserted: boolean }>(upsertSql, [
    numberArray(gifts.map((g) => g.giftId)),
    textArray(gifts.map((g) => g.name)),
    numberArray(gifts.map((g) => g.price)),
    textArray(gifts.map((g) => g.priceUnit)),
  ]);
  const inserted = result.rows.filter((r) => r.inserted).length;
  const updated = result.rows.length - inserted;
  return { inserted, updated, unchanged: gifts.length - inserted - updated };
}
