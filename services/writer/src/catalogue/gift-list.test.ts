import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGiftList } from './gift-list.js';

const fixture = JSON.parse(
  readFileSync(new URL('../../../../fixtures/douyu/gift-list.json', import.meta.url), 'utf8'),
) as unknown;

const list = (giftList: unknown[]) => ({ error: 0, data: { giftList } });
const gift = (id: unknown, name: unknown, price: unknown, priceType: unknown = 'YUCHI') => ({
  id,
  name,
  priceInfo: { price, priceType },
});

describe('parseGiftList', () => {
  it('reads the fixture: id, name, price and unit of every gift', () => {
    const parsed = parseGiftList(fixture);
    expect(parsed.problems).toEqual([]);
    expect(parsed.gifts.map((g) => g.giftId)).toEqual([824, 192, 191, 196, 686]);
    expect(parsed.gifts[3]).toEqual({
      giftId: 196,
      name: '火箭',
      price: 50000,
      priceUnit: 'YUCHI',
    });
    expect(parsed.gifts[2]?.priceUnit).toBe('YUWAN');
  });

  it('accepts ids and prices sent as digit strings', () => {
    expect(parseGiftList(list([gift('824', '荧光棒', '10')])).gifts).toEqual([
      { giftId: 824, name: '荧光棒', price: 10, priceUnit: 'YUCHI' },
    ]);
  });

  it('lists every bad entry at once, naming each', () => {
    const parsed = parseGiftList(
      list([
        gift(824, '荧光棒', 10),
        gift(-1, '', 10),
        gift(192, '赞', 1.5, ''),
        { id: 196, name: '火箭' },
        'not a gift',
        gift(824, '荧光棒 again', 10),
      ]),
    );
    expect(parsed.problems).toEqual([
      'giftList[1]: id -1 is not a gift id (1..2147483647)',
      'giftList[1]: name is missing or empty',
      'giftList[2] (id 192): priceInfo.price 1.5 is not a whole number ≥ 0',
      'giftList[2] (id 192): priceInfo.priceType is missing or empty',
      'giftList[3] (id 196): priceInfo is missing',
      'giftList[4]: not an object',
      'giftList[5] (id 824): the same id as giftList[0]',
    ]);
  });

  it('refuses what is not a gift list, and an error answer', () => {
    expect(parseGiftList([]).problems).toEqual(['the file is not a JSON object']);
    expect(parseGiftList({ error: 0, data: {} }).problems).toEqual([
      'data.giftList is missing or not an array',
    ]);
    expect(parseGiftList({ error: 110, data: { giftList: [] } }).problems).toEqual([
      'error is 110: Douyu answered with an error, not a gift list',
      'data.giftList is empty',
    ]);
  });
});
