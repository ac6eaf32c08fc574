import { describe, expect, it } from 'vitest';
import { parseMessage } from './messages.js';
import { loadSamples } from './samples.fixture.js';
import { parseStt, serializeStt } from './stt.js';
import { isLosslessStt } from './stt-lossless.js';

const samples = loadSamples().map(({ body }) => body);

/** The expression isLosslessStt replaces. */
const oldCheck = (fields: Record<string, string>, body: string): boolean =>
  serializeStt(fields) === body;

function expectSame(fields: Record<string, string>, body: string): void {
  expect(isLosslessStt(fields, body), body).toBe(oldCheck(fields, body));
}

/** Bodies near `body`: the kinds of damage a lossy parse or a stray byte would leave. */
function variants(body: string): string[] {
  return [
    body,
    body.endsWith('/') ? body.slice(0, -1) : `${body}/`,
    `${body}x`,
    body.slice(1),
    body.replace('@S', '/'),
    body.replace('@A', '@'),
    body.replace('@=', '@A='),
    `${body}${body}`,
    '',
  ];
}

describe('isLosslessStt', () => {
  it('agrees with serializeStt(fields) === body on every fixture line and its variants', () => {
    let lossless = 0;
    for (const line of samples) {
      const fieldSets = [parseMessage(line).fields, parseStt(line)];
      for (const fields of fieldSets) for (const body of variants(line)) expectSame(fields, body);
      if (isLosslessStt(parseStt(line), line)) lossless++;
    }
    // Both outcomes occur in real traffic, so the agreement above is not vacuous.
    expect(lossless).toBeGreaterThan(0);
    expect(lossless).toBeLessThan(samples.length);
  });

  it('agrees when the fields belong to another line', () => {
    for (let i = 0; i < samples.length; i++) {
      const other = samples[(i + 1) % samples.length] as string;
      expectSame(parseStt(samples[i] as string), other);
    }
  });

  it.each([
    ['escaped slash', 'type@=x/url@=a@Sb@Sc/'],
    ['escaped at', 'type@=x/nn@=a@Ab/'],
    ['an escaped key', 'ty@Ape@=x/k@S@=v/'],
    ['a duplicate key (the last value wins)', 'type@=x/a@=1/a@=2/'],
    ['a missing trailing slash', 'type@=x/a@=1'],
    ['empty values', 'type@=x/a@=/b@=/'],
    ['an empty key', 'type@=x/@=1/'],
    ['a nested list', 'type@=rank/list@=uid@AA=1@ASnn@AA=a@AS@S/'],
    ['a doubly nested list', 'type@=x/el@=eid@AA=1@ASetp@AA=1@AS@S/'],
    ['a dangling escape', 'type@=x/a@=b@/'],
    ['an unknown escape', 'type@=x/a@=b@Xc/'],
    ['a key without value', 'type@=x/lonely/'],
    ['non-ASCII text', 'type@=chatmsg/txt@=你好/nn@=斗鱼🐟/'],
    ['an empty body', ''],
  ])('agrees on %s', (_name, body) => {
    for (const variant of variants(body)) expectSame(parseStt(body), variant);
  });

  it('agrees on hand-built records against their own and near serialisations', () => {
    const records: Array<Record<string, string>> = [
      {},
      { a: '' },
      { '': '' },
      { 'a/b': 'c@d', 'e@': '/' },
      { type: 'x', v: '@A@S', w: '//' },
      { 1: 'numeric keys come first', type: 'x' },
    ];
    for (const record of records) {
      for (const body of variants(serializeStt(record))) expectSame(record, body);
    }
  });

  it('agrees on random records over the escaping alphabet', () => {
    const alphabet = ['a', '@', '/', '=', 'A', 'S', '', 'é'];
    let state = 7;
    const next = (n: number): number => {
      state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
      return state % n;
    };
    const word = (): string =>
      Array.from({ length: next(4) }, () => alphabet[next(alphabet.length)]).join('');
    for (let i = 0; i < 2_000; i++) {
      const record: Record<string, string> = {};
      for (let k = next(4); k > 0; k--) record[word()] = word();
      for (const body of variants(serializeStt(record))) expectSame(record, body);
      expectSame(record, `${word()}@=${word()}/`);
    }
  });
});
