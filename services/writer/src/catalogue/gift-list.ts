/** One gift of Douyu's room gift list, as gift_catalogue stores it. */
export interface CatalogueGift {
  giftId: number;
  name: string;
  /** In priceUnit, as the list gives it (YUCHI: 1/100 鱼翅, i.e. yuan cents). */
  price: number;
  priceUnit: string;
}

export interface ParsedGiftList {
  gifts: CatalogueGift[];
  /** Every problem of the file, each naming the entry (`giftList[3]`); empty when it is usable. */
  problems: string[];
}

const INT4_MAX = 2_147_483_647;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** An integer field that Douyu sends as a number (or, in older lists, digits in a string). */
function integerOf(value: unknown, max: number): number | undefined {
  const n = typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 && n <= max ? n : undefined;
}

function giftOf(item: unknown, where: string, problems: string[]): CatalogueGift | undefined {
  if (!isRecord(item)) {
    problems.push(`${where}: not an object`);
    return undefined;
  }
  const found: string[] = [];
  const giftId = integerOf(item['id'], INT4_MAX);
  if (giftId === undefined || giftId === 0)
    found.push(`id ${JSON.stringify(item['id'])} is not a gift id (1..${INT4_MAX})`);
  const name = typeof item['name'] === 'string' ? item['name'].trim() : '';
  if (name === '') found.push('name is missing or empty');
  const priceInfo = item['priceInfo'];
  let price: number | undefined;
  let priceUnit = '';
  if (!isRecord(priceInfo)) found.push('priceInfo is missing');
  else {
    price = integerOf(priceInfo['price'], Number.MAX_SAFE_INTEGER);
    if (price === undefined)
      found.push(`priceInfo.price ${JSON.stringify(priceInfo['price'])} is not a whole number ≥ 0`);
    priceUnit = typeof priceInfo['priceType'] === 'string' ? priceInfo['priceType'].trim() : '';
    if (priceUnit === '') found.push('priceInfo.priceType is missing or empty');
  }
  if (found.length > 0 || giftId === undefined || price === undefined) {
    const label = giftId === undefined ? where : `${where} (id ${giftId})`;
    problems.push(...found.map((p) => `${label}: ${p}`));
    return undefined;
  }
  return { giftId, name, price, priceUnit };
}

/**
 * Reads the JSON of Douyu's room gift list (`{"error":0,"data":{"giftList":[{"id", "name",
 * "priceInfo":{"price","priceType"}, …}]}}`, the web API the Douyu clients read): every entry is
 * checked and every problem listed, so one run shows all that is wrong with a file. Other fields
 * (pictures, effects) are ignored.
 */
export function parseGiftList(json: unknown): ParsedGiftList {
  const problems: string[] = [];
  if (!isRecord(json)) return { gifts: [], problems: ['the file is not a JSON object'] };
  if (json['error'] !== undefined && json['error'] !== 0) {
    problems.push(
      `error is ${JSON.stringify(json['error'])}: Douyu answered with an error, not a gift list`,
    );
  }
  const data = json['data'];
  const list = isRecord(data) ? data['giftList'] : undefined;
  if (!Array.isArray(list)) {
    problems.push('data.giftList is missing or not an array');
    return { gifts: [], problems };
  }
  const gifts: CatalogueGift[] = [];
  const seen = new Map<number, number>();
  list.forEach((item, index) => {
    const gift = giftOf(item, `giftList[${index}]`, problems);
    if (gift === undefined) return;
    const first = seen.get(gift.giftId);
    if (first !== undefined) {
      problems.push(`giftList[${index}] (id ${gift.giftId}): the same id as giftList[${first}]`);
      return;
    }
    seen.set(gift.giftId, index);
    gifts.push(gift);
  });
  if (list.length === 0) problems.push('data.giftList is empty');
  return { gifts, problems };
}
