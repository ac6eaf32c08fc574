import { describe, expect, it } from 'vitest';
import { messageParsers } from './message-parsers.js';
import { hasWireField, wireNames } from './wire-names.js';

describe('wireNames', () => {
  // Each property, alone in a body under the wire name the map gives, must be what the parser
  // reads: the map and the parsers cannot drift apart.
  const cases = Object.entries(wireNames).flatMap(([type, names]) =>
    Object.entries(names as Record<string, string>).map(([property, wire]) => ({
      type,
      property,
      wire,
    })),
  );
  it.each(cases)('$type.$property is read from $wire', ({ type, property, wire }) => {
    const parse = messageParsers[type as keyof typeof messageParsers] as (
      f: Record<string, string>,
    ) => Record<string, unknown>;
    const without = parse({ type });
    const withField = parse({ type, [wire]: '1234567890123' });
    expect(withField[property]).not.toEqual(without[property]);
  });

  it('covers every property the parsers produce', () => {
    for (const [type, parse] of Object.entries(messageParsers)) {
      const produced = Object.keys(parse({ type })).filter((k) => k !== 'type' && k !== 'fields');
      expect(Object.keys(wireNames[type as keyof typeof wireNames]).sort(), type).toEqual(
        produced.sort(),
      );
    }
  });
});

describe('hasWireField', () => {
  it('tells an absent field from a garbled one', () => {
    const garbled = messageParsers.uenter({ type: 'uenter', uid: 'notanumber' });
    expect(garbled.uid).toBeNull();
    expect(hasWireField(garbled, 'uid')).toBe(true);
    expect(garbled.level).toBeNull();
    expect(hasWireField(garbled, 'level')).toBe(false);
  });
});
