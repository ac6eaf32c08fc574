import type { RelationEntry } from './dictionary-types.js';

export const giftCatalogue: RelationEntry = {
  kind: 'table',
  description:
    "One row per Douyu gift id with its name and price, loaded from the room gift list (the web API's giftList JSON) by `danmaku gifts import`; a re-import updates the row. Used by gift_value_daily.",
  columns: {
    gift_id: {
      description: "Douyu's gift id, as in gifts.gift_id (dgb.gfid).",
      wire: 'giftList[].id',
    },
    name: { description: 'The gift name as the list gives it.', wire: 'giftList[].name' },
    price: {
      description:
        "Price of one gift in price_unit, as the list gives it: for YUCHI (鱼翅, paid) in 1/100 鱼翅, i.e. yuan cents (1 鱼翅 = 1 yuan); for YUWAN (鱼丸, Douyu's free currency) in 鱼丸.",
      unit: 'price_unit',
      wire: 'giftList[].priceInfo.price',
    },
    price_unit: {
      description: 'The currency of price, as the list gives it (priceInfo.priceType).',
      wire: 'giftList[].priceInfo.priceType',
      codes: [
        ['YUCHI', '鱼翅, bought with money, priced in 1/100 鱼翅 (yuan cents)'],
        ['YUWAN', '鱼丸, earned for free by watching, priced in 鱼丸'],
      ],
    },
    imported_at: {
      description: 'When the row was last inserted or changed by an import.',
      unit: 'timestamptz',
    },
  },
};

export const erasedUsers: RelationEntry = {
  kind: 'table',
  description:
    "One row per user erased by `danmaku erase`: their rows were deleted from every table, and the writer drops their messages on ingest and on replay. Kafka's raw topic cannot be rewritten: the bytes stay there until the topic's retention removes them.",
  columns: {
    uid: { description: 'The Douyu user id erased (the uid of chatmsg, dgb, uenter, …).' },
    erased_at: { description: 'When `danmaku erase` ran.', unit: 'timestamptz' },
  },
};
