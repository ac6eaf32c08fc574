import type { ReplayRange } from '@danmaku/writer';
import type { Admin } from 'kafkajs';

export interface PartitionPlan {
  partition: number;
  /** First offset to read again (clamped to the oldest offset Kafka still has). */
  from: bigint;
  /** What was asked for, before clamping. */
  requested: bigint;
  /** High watermark when the plan was made: replay is done when the writer reaches it. */
  end: bigint;
  /** Next offset stored in ingest_offsets for the group, if any. */
  stored: bigint | undefined;
}

export type ReplayStart = { offset: bigint } | { timestampMs: number };

/** Per partition of the raw topic: where to start again and where the log ends now. */
export async function planReplay(
  admin: Admin,
  topic: string,
  start: ReplayStart,
  stored: Map<number, bigint>,
  only: ReadonlySet<number> | undefined,
): Promise<PartitionPlan[]> {
  const bounds = await admin.fetchTopicOffsets(topic);
  const byTime =
    'timestampMs' in start
      ? new Map(
          (await admin.fetchTopicOffsetsByTimestamp(topic, start.timestampMs)).map((p) => [
            p.partition,
            BigInt(p.offset),
          ]),
        )
      : undefined;
  return bounds
    .filter((p) => only === undefined || only.has(p.partition))
    .sort((a, b) => a.partition - b.partition)
    .map((p) => {
      const low = BigInt(p.low);
      const end = BigInt(p.high);
      const asked = byTime?.get(p.partition) ?? ('offset' in start ? start.offset : end);
      const requested = asked < 0n ? end : asked;
      const from = requested < low ? low : requested > end ? end : requested;
      return { partition: p.partition, from, requested, end, stored: stored.get(p.partition) };
    });
}

/** The writer's view of a plan: which partitions to read again, from where. */
export function replayRanges(plan: readonly PartitionPlan[]): ReplayRange[] {
  return plan.map((p) => ({ partition: p.partition, fromOffset: p.from }));
}
