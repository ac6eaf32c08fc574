import type { NormalisedBatch } from './rows.js';
import type { SqlExecutor } from './sql-client.js';

const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD' of a UTC day number (days since the epoch). */
const dayString = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * Creates the missing daily partitions [fromDay, fromDay + days) of the four event tables
 * (UTC days). Safe to call concurrently from several writers. Returns how many it created.
 */
export async function ensurePartitions(
  db: SqlExecutor,
  fromDay: string | Date,
  days: number,
): Promise<number> {
  const from = typeof fromDay === 'string' ? fromDay : fromDay.toISOString().slice(0, 10);
  const result = await db.query<{ created: number }>(
    'SELECT danmaku_ensure_partitions($1::date, $2::int) AS created',
    [from, days],
  );
  return Number(result.rows[0]?.created ?? 0);
}

/**
 * Drops the daily partitions (and chat dedupe keys) of days before `asOf − days`; `asOf`
 * defaults to today (UTC). The SQL equivalent: SELECT danmaku_drop_partitions_older_than(30);
 */
export async function dropPartitionsOlderThan(
  db: SqlExecutor,
  days: number,
  asOf?: string,
): Promise<number> {
  const result =
    asOf === undefined
      ? await db.query<{ dropped: number }>(
          'SELECT danmaku_drop_partitions_older_than($1::int) AS dropped',
          [days],
        )
      : await db.query<{ dropped: number }>(
          'SELECT danmaku_drop_partitions_older_than($1::int, $2::date) AS dropped',
          [days, asOf],
        );
  return Number(result.rows[0]?.dropped ?? 0);
}

/** Remembers which days have partitions so a batch costs no DDL round trip in the common case. */
export class PartitionKeeper {
  private readonly known = new Set<number>();

  constructor(private readonly db: SqlExecutor) {}

  /** Today's partitions: all a batch received now needs. */
  async ensureToday(nowMs: number): Promise<void> {
    const today = Math.floor(nowMs / DAY_MS);
    if (this.known.has(today)) return;
    await ensurePartitions(this.db, dayString(today), 1);
    this.known.add(today);
  }

  /** Partitions from yesterday to `aheadDays` after today, so midnight never waits on DDL. */
  async ensureAhead(nowMs: number, aheadDays: number): Promise<void> {
    const today = Math.floor(nowMs / DAY_MS);
    await ensurePartitions(this.db, dayString(today - 1), aheadDays + 2);
    for (let d = today - 1; d <= today + aheadDays; d++) this.known.add(d);
  }

  /** Creates partitions for any day of the batch's rows not yet known to exist. */
  async ensureFor(batch: NormalisedBatch): Promise<void> {
    const missing = new Set<number>();
    for (const rows of [batch.chat, batch.gifts, batch.entries, batch.events]) {
      for (const row of rows) {
        const day = Math.floor(row.receivedAtMs / DAY_MS);
        if (!this.known.has(day)) missing.add(day);
      }
    }
    for (const day of missing) {
      await ensurePartitions(this.db, dayString(day), 1);
      this.known.add(day);
    }
  }

  /** After "no partition found" (someone dropped old partitions): forget what we knew. */
  forget(): void {
    this.known.clear();
  }
}
