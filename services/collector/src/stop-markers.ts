import type { Redis } from 'ioredis';

/** A marker older than this is pruned: by then any collector holding the watch has seen it. */
export const STOP_MARKER_TTL_MS = 60 * 60 * 1000;

/**
 * "Stop watch X" requests, one Redis hash per queue (watch id → request time). An active BullMQ
 * job cannot be removed while a worker holds its lock, so removal leaves a marker and the
 * collector holding the watch polls the hash and ends the job itself. One HGETALL per poll per
 * process, whatever the number of rooms.
 */
export class StopMarkers {
  readonly #redis: Redis;
  readonly #key: string;

  constructor(redis: Redis, prefix: string, queueName: string) {
    this.#redis = redis;
    this.#key = `${prefix}:${queueName}:danmaku-stop`;
  }

  async request(watchId: string, nowMs: number = Date.now()): Promise<void> {
    await this.#redis.hset(this.#key, watchId, String(nowMs));
  }

  async clear(watchId: string): Promise<void> {
    await this.#redis.hdel(this.#key, watchId);
  }

  async has(watchId: string): Promise<boolean> {
    return (await this.#redis.hexists(this.#key, watchId)) === 1;
  }

  /** Current requests; prunes those past the TTL. */
  async list(nowMs: number = Date.now()): Promise<Set<string>> {
    const all = await this.#redis.hgetall(this.#key);
    const live = new Set<string>();
    const stale: string[] = [];
    for (const [watchId, at] of Object.entries(all)) {
      if (nowMs - Number(at) > STOP_MARKER_TTL_MS) stale.push(watchId);
      else live.add(watchId);
    }
    if (stale.length > 0) await this.#redis.hdel(this.#key, ...stale);
    return live;
  }
}
