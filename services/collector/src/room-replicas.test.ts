import { describe, expect, it } from 'vitest';
import {
  assertReplicas,
  handbackDelayMs,
  isReplicaScheduleId,
  MAX_ROOM_REPLICAS,
  replicaJobId,
  replicaScheduleId,
} from './room-replicas.js';

describe('replica ids', () => {
  it('keeps the single-replica ids for replica 0', () => {
    expect(replicaJobId(9999, 0)).toBe('room-9999');
    expect(replicaJobId(9999, 1)).toBe('room-9999-r1');
    expect(replicaScheduleId('evening', 0)).toBe('evening');
    expect(replicaScheduleId('evening', 2)).toBe('evening#r2');
  });

  it('tells an extra replica’s scheduler from a schedule', () => {
    expect(isReplicaScheduleId('evening#r1')).toBe(true);
    expect(isReplicaScheduleId('evening')).toBe(false);
    expect(isReplicaScheduleId('r1')).toBe(false);
  });

  it('bounds the replica count', () => {
    expect(() => assertReplicas(1)).not.toThrow();
    expect(() => assertReplicas(MAX_ROOM_REPLICAS)).not.toThrow();
    for (const bad of [0, MAX_ROOM_REPLICAS + 1, 1.5]) expect(() => assertReplicas(bad)).toThrow();
  });
});

describe('handbackDelayMs', () => {
  it('doubles from 250 ms up to 4 s', () => {
    expect([1, 2, 3, 4, 5, 6, 50].map((n) => handbackDelayMs(n))).toEqual([
      250, 500, 1_000, 2_000, 4_000, 4_000, 4_000,
    ]);
  });
});
