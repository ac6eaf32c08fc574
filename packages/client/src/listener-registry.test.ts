import { describe, expect, it } from 'vitest';
import { ListenerRegistry } from './listener-registry.js';

interface Events {
  tick: (n: number) => void;
  other: () => void;
}

describe('ListenerRegistry', () => {
  it('calls listeners in order, and forgets them on off()', () => {
    const registry = new ListenerRegistry<Events>();
    const seen: string[] = [];
    const a = (n: number) => seen.push(`a${n}`);
    registry.on('tick', a);
    registry.on('tick', (n) => seen.push(`b${n}`));
    registry.emit('tick', 1);
    registry.off('tick', a);
    registry.emit('tick', 2);
    expect(seen).toEqual(['a1', 'b1', 'b2']);
    expect(registry.has('tick')).toBe(true);
    expect(registry.has('other')).toBe(false);
  });

  it('finishes the emit when a listener throws, and rethrows on a microtask', () => {
    const registry = new ListenerRegistry<Events>();
    const seen: number[] = [];
    registry.on('tick', () => {
      throw new Error('listener bug');
    });
    registry.on('tick', (n) => seen.push(n));
    const original = globalThis.queueMicrotask;
    const deferred: Array<() => void> = [];
    globalThis.queueMicrotask = (fn) => deferred.push(fn);
    try {
      registry.emit('tick', 7);
    } finally {
      globalThis.queueMicrotask = original;
    }
    expect(seen).toEqual([7]);
    expect(deferred).toHaveLength(1);
    expect(() => deferred[0]?.()).toThrow('listener bug');
  });
});
