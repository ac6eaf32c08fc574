import type { ListedRoomJob } from '@danmaku/collector/room-queue';
import { describe, expect, it } from 'vitest';
import { formatReplicas, summariseReplicas } from './room-replicas.js';

const job = (over: Partial<ListedRoomJob> & Pick<ListedRoomJob, 'id' | 'data'>): ListedRoomJob => ({
  replica: over.data.replica ?? 0,
  state: 'active',
  messages: 0,
  collector: undefined,
  ...over,
});

describe('summariseReplicas', () => {
  it('groups replica jobs per watch and per crawl window, short rooms first', () => {
    const watch = { kind: 'watch', room: 9, replicas: 2 } as const;
    const crawl = { kind: 'crawl', room: 5, durationMs: 1, schedule: 'eve', replicas: 2 } as const;
    const summary = summariseReplicas([
      job({ id: 'room-9', data: { ...watch, replica: 0 }, collector: 'a' }),
      job({ id: 'room-9-r1', data: { ...watch, replica: 1 }, collector: 'b' }),
      job({ id: 'repeat:eve:1000', data: { ...crawl, replica: 0 }, collector: 'c' }),
      job({ id: 'repeat:eve#r1:1000', data: { ...crawl, replica: 1 }, state: 'delayed' }),
      job({ id: 'room-3', data: { kind: 'watch', room: 3 }, collector: 'a' }),
    ]);
    expect(summary).toMatchObject({ held: 4, wanted: 5, omitted: 0 });
    expect(summary.rooms).toEqual([
      { room: 5, kind: 'crawl', key: 'eve', wanted: 2, held: 1, collectors: ['c'] },
      { room: 3, kind: 'watch', key: 'room-3', wanted: 1, held: 1, collectors: ['a'] },
      { room: 9, kind: 'watch', key: 'room-9', wanted: 2, held: 2, collectors: ['a', 'b'] },
    ]);
    expect(formatReplicas(summary)).toContain('  room 5 crawl eve 1/2 on c');
  });
});
