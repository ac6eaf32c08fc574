import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadSamples, sampleWith, TRUNCATED_SAMPLE_CID } from './samples.fixture.js';
import {
  escapeStt,
  parseStt,
  parseSttList,
  parseSttPairs,
  serializeStt,
  serializeSttList,
  unescapeStt,
} from './stt.js';

describe('escapeStt / unescapeStt', () => {
  it.each([
    ['', ''],
    ['plain', 'plain'],
    ['a@b', 'a@Ab'],
    ['1/2', '1@S2'],
    ['@/', '@A@S'],
    ['/@', '@S@A'],
    ['@S', '@AS'],
    ['@A', '@AA'],
    ['@Sam', '@ASam'],
    ['a@=b/', 'a@A=b@S'],
    ['中/😊@', '中@S😊@A'],
  ])('%j ⇄ %j', (plain, escaped) => {
    expect(escapeStt(plain)).toBe(escaped);
    expect(unescapeStt(escaped)).toBe(plain);
  });

  it('unescapes in one pass, so a literal "@S" typed by a user does not become "/"', () => {
    // '@Sam' is sent as '@ASam'; an '@A'-first two-pass unescape would give '/am'.
    expect(unescapeStt('@ASam')).toBe('@Sam');
    expect(unescapeStt('@AAS')).toBe('@AS');
  });

  it('handles values longer than the internal scratch space', () => {
    const plain = 'a/b@中'.repeat(20_000);
    expect(escapeStt(plain)).toBe('a@Sb@A中'.repeat(20_000));
    expect(unescapeStt(escapeStt(plain))).toBe(plain);
  });

  it('keeps unknown escapes and a final lone "@" as they are', () => {
    expect(unescapeStt('a@xb')).toBe('a@xb');
    expect(unescapeStt('a@')).toBe('a@');
    expect(unescapeStt('@@S')).toBe('@/');
    expect(unescapeStt('@=')).toBe('@=');
  });
});

describe('parseSttPairs / parseStt', () => {
  it('decodes a flat record, once-unescaping keys and values', () => {
    expect(parseSttPairs('type@=chatmsg/nn@=a@Ab/txt@=1@S2/')).toEqual([
      ['type', 'chatmsg'],
      ['nn', 'a@b'],
      ['txt', '1/2'],
    ]);
    expect(parseSttPairs('k@Ay@=v/')).toEqual([['k@y', 'v']]);
  });

  it('keeps order and duplicate keys; parseStt keeps the last duplicate like Douyu', () => {
    const body = 'rid@=3898464/type@=rri/rid@=-1/';
    expect(parseSttPairs(body)).toEqual([
      ['rid', '3898464'],
      ['type', 'rri'],
      ['rid', '-1'],
    ]);
    const record = parseStt(body);
    expect(record).toEqual({ rid: '-1', type: 'rri' });
    expect(Object.getPrototypeOf(record)).toBeNull();
    expect(serializeStt(parseSttPairs(body))).toBe(body);
  });

  it('keeps empty values and values ending in an escaped slash', () => {
    expect(parseSttPairs('el@=/bnn@=/hb@=140@S/')).toEqual([
      ['el', ''],
      ['bnn', ''],
      ['hb', '140/'],
    ]);
  });

  it('tolerates a missing trailing "/"', () => {
    expect(parseSttPairs('type@=loginreq/roomid@=123')).toEqual([
      ['type', 'loginreq'],
      ['roomid', '123'],
    ]);
  });

  it('keeps an item without "@=" as the value of the key ""', () => {
    expect(parseSttPairs('a@=1/type/b@=2/')).toEqual([
      ['a', '1'],
      ['', 'type'],
      ['b', '2'],
    ]);
    expect(parseSttPairs('')).toEqual([]);
  });

  it('is not fooled by a "type" key that is not first or by __proto__', () => {
    const record = parseStt('btype@=voiceDanmu/__proto__@=x/type@=comm_chatmsg/');
    expect(record.type).toBe('comm_chatmsg');
    expect(record.btype).toBe('voiceDanmu');
    expect(record['__proto__']).toBe('x');
  });
});

describe('parseSttList / serializeSttList', () => {
  it.each([
    ['a/b/', ['a', 'b']],
    ['a/b', ['a', 'b']],
    ['', []],
    ['/', ['']],
    ['1446/3669/917/', ['1446', '3669', '917']],
    ['x@Sy/z@A/', ['x/y', 'z@']],
  ])('%j → %j', (text, items) => {
    expect(parseSttList(text)).toEqual(items);
  });

  it('serializes a list as escaped items each followed by "/"', () => {
    expect(serializeSttList(['x/y', 'z@', ''])).toBe('x@Sy/z@A//');
  });
});

describe('serializeStt', () => {
  it('serializes a record in key order and pairs in their order', () => {
    expect(serializeStt({ type: 'loginreq', roomid: '9999' })).toBe('type@=loginreq/roomid@=9999/');
    expect(
      serializeStt([
        ['a', '1/2'],
        ['a', 'x@y'],
      ]),
    ).toBe('a@=1@S2/a@=x@Ay/');
  });
});

describe('nested values, decoded only where a field is known to be structured', () => {
  it('decodes an object value (depth 2): rri.ri', () => {
    const ri = parseStt('ri@=sc@A=107844200@Sidx@A=26@S/type@=rri/').ri as string;
    expect(ri).toBe('sc@=107844200/idx@=26/');
    expect(parseStt(ri)).toEqual({ sc: '107844200', idx: '26' });
  });

  it('decodes a list of objects (depth 3): dgb.el', () => {
    const samples = loadSamples();
    const dgb = sampleWith(samples, 'cbid@=87616/');
    const el = parseStt(dgb.body).el as string;
    expect(parseSttList(el).map(parseStt)).toEqual([
      { eid: '1500000113', etp: '1', sc: '1', ef: '0' },
    ]);
  });

  it('decodes depth 4: pdrinfo.list is an object of lists of objects', () => {
    const pdrinfo = sampleWith(loadSamples(), 'type@=pdrinfo/');
    // Pairs, not parseStt: a JS object would reorder the integer-like keys.
    const list = parseSttPairs(parseStt(pdrinfo.body).list as string);
    expect(list.map(([tier]) => tier)).toEqual(['1', '100', '10']);
    const tiers = Object.fromEntries(
      list.map(([tier, items]) => [tier, parseSttList(items).map(parseStt)]),
    );
    expect(tiers['1']).toEqual([
      { total: '6', num: '6', pid: '2682', fin: '1' },
      { total: '600', num: '336', pid: '2680', fin: '0' },
    ]);
    expect(tiers['10']?.[1]).toEqual({ total: '80', num: '35', pid: '2681', fin: '0' });
  });
});

describe('real captured bodies', () => {
  const samples = loadSamples();
  const truncated = sampleWith(samples, TRUNCATED_SAMPLE_CID);
  const wellFormed = samples.filter((s) => s !== truncated);

  it('has the expected number of samples, only one of them excluded', () => {
    expect(samples).toHaveLength(72);
    expect(wellFormed).toHaveLength(71);
  });

  it.each(wellFormed.map((s) => [s.line, s.body] as const))(
    'line %i round-trips through parseSttPairs and serializeStt',
    (_line, body) => {
      expect(serializeStt(parseSttPairs(body))).toBe(body);
    },
  );

  it(`line ${truncated.line} (no trailing "/", cut short at its source) parses and re-encodes with the "/"`, () => {
    const pairs = parseSttPairs(truncated.body);
    expect(truncated.body.endsWith('/')).toBe(false);
    expect(pairs.at(-1)).toEqual(['pdk', '18']);
    expect(pairs[0]).toEqual(['type', 'chatmsg']);
    expect(serializeStt(pairs)).toBe(`${truncated.body}/`);
  });
});

type Node =
  | { kind: 'leaf'; value: string }
  | { kind: 'record'; pairs: Array<[string, Node]> }
  | { kind: 'list'; items: Node[] };

// Biased towards the characters that matter to STT, plus arbitrary code points.
const sttString = fc.oneof(
  fc.string({ unit: fc.constantFrom('@', '/', 'A', 'S', '=', 'a', '中', '😊') }),
  fc.string({ unit: 'binary' }),
);

const tree = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof(
    { maxDepth: 4, depthSize: 'small' },
    sttString.map((value): Node => ({ kind: 'leaf', value })),
    fc
      .array(fc.tuple(sttString, tie('node')), { maxLength: 4 })
      .map((pairs): Node => ({ kind: 'record', pairs })),
    fc.array(tie('node'), { maxLength: 4 }).map((items): Node => ({ kind: 'list', items })),
  ),
})).node;

function encode(node: Node): string {
  if (node.kind === 'leaf') return node.value;
  if (node.kind === 'list') return serializeSttList(node.items.map(encode));
  return serializeStt(node.pairs.map(([key, value]) => [key, encode(value)] as const));
}

/** STT has no type marker: decoding follows the known shape, as message parsers do. */
function decode(shape: Node, text: string): Node {
  if (shape.kind === 'leaf') return { kind: 'leaf', value: text };
  if (shape.kind === 'list') {
    const items = parseSttList(text);
    return { kind: 'list', items: items.map((item, i) => decode(shape.items[i] as Node, item)) };
  }
  const pairs = parseSttPairs(text);
  return {
    kind: 'record',
    pairs: pairs.map(([key, value], i) => [
      key,
      decode((shape.pairs[i] as [string, Node])[1], value),
    ]),
  };
}

describe('properties', () => {
  it('unescapeStt(escapeStt(s)) === s, and escaped text holds no "/" and only @A/@S', () => {
    fc.assert(
      fc.property(sttString, (s) => {
        const escaped = escapeStt(s);
        expect(unescapeStt(escaped)).toBe(s);
        expect(escaped).not.toMatch(/\/|@(?![AS])/);
      }),
    );
  });

  it('pairs round-trip, and serializeStt(parseSttPairs(x)) === x for serialized x', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(sttString, sttString)), (pairs) => {
        const text = serializeStt(pairs);
        expect(parseSttPairs(text)).toEqual(pairs);
        expect(serializeStt(parseSttPairs(text))).toBe(text);
      }),
    );
  });

  it('nested records and lists round-trip to depth 4', () => {
    fc.assert(
      fc.property(tree, (node) => {
        expect(decode(node, encode(node))).toEqual(node);
      }),
      { numRuns: 500 },
    );
  });

  it('a depth-4 value carries "@AAA=" at its deepest level', () => {
    const deepest: Node = { kind: 'record', pairs: [['k', { kind: 'leaf', value: 'v' }]] };
    const depth4: Node = {
      kind: 'record',
      pairs: [
        ['a', { kind: 'record', pairs: [['b', { kind: 'record', pairs: [['c', deepest]] }]] }],
      ],
    };
    const text = encode(depth4);
    expect(text).toBe('a@=b@A=c@AA=k@AAA=v@AAS@AS@S/');
    expect(decode(depth4, text)).toEqual(depth4);
  });
});
