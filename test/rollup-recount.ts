// The daily rollups against a recount from the raw rows, written here independently of the
// migration's trigger functions: each rollup table and each view that reads them, compared both
// ways with EXCEPT ALL. Shared by the rollup, writer-kill and replay suites.

import { withPg } from './support/index.js';

type Query = <Row>(text: string) => Promise<Row[]>;

const zones = `(VALUES ('UTC'), ('Asia/Shanghai')) AS z(day_zone)`;
const zonedDay = `(received_at AT TIME ZONE z.day_zone)::date`;

const roomRecount = `
SELECT day_zone, room_id, day,
       count(*) FILTER (WHERE kind = 'chat') AS messages,
       count(DISTINCT uid) FILTER (WHERE kind = 'chat') AS chatters,
       count(*) FILTER (WHERE kind = 'chat' AND is_robot) AS robot_messages,
       count(*) FILTER (WHERE kind = 'gift') AS gift_events,
       coalesce(sum(gift_count) FILTER (WHERE kind = 'gift'), 0) AS gifts,
       count(*) FILTER (WHERE kind = 'entry') AS entries
FROM (
  SELECT z.day_zone, room_id, ${zonedDay} AS day, 'chat' AS kind, uid, is_robot, NULL::int AS gift_count
  FROM chat_messages CROSS JOIN ${zones}
  UNION ALL
  SELECT z.day_zone, room_id, ${zonedDay}, 'gift', uid, false, gift_count FROM gifts CROSS JOIN ${zones}
  UNION ALL
  SELECT z.day_zone, room_id, ${zonedDay}, 'entry', uid, false, NULL FROM user_entries CROSS JOIN ${zones}
) AS raw
GROUP BY day_zone, room_id, day`;

const chatterRecount = `
SELECT z.day_zone, room_id, ${zonedDay} AS day, uid, count(*) AS messages,
       (array_agg(nickname ORDER BY received_at DESC, nickname DESC)
          FILTER (WHERE nickname IS NOT NULL))[1] AS nickname
FROM chat_messages CROSS JOIN ${zones}
GROUP BY 1, 2, 3, 4`;

const giftRecount = `
SELECT z.day_zone, room_id, ${zonedDay} AS day, gift_id, uid,
       coalesce(sum(gift_count), 0) AS gifts, count(*) AS events
FROM gifts CROSS JOIN ${zones}
GROUP BY 1, 2, 3, 4, 5`;

/** The views as migration 0001 defined them over the raw rows (nickname: latest non-NULL). */
const topChattersRecount = `
SELECT room_id, day, uid, nickname, messages,
       rank() OVER (PARTITION BY room_id, day ORDER BY messages DESC) AS rank
FROM (
  SELECT room_id, (received_at AT TIME ZONE 'UTC')::date AS day, uid,
         (array_agg(nickname ORDER BY received_at DESC, nickname DESC)
            FILTER (WHERE nickname IS NOT NULL))[1] AS nickname,
         count(*) AS messages
  FROM chat_messages WHERE uid IS NOT NULL GROUP BY 1, 2, 3
) AS per_user`;

const giftTotalsRecount = `
SELECT room_id, (received_at AT TIME ZONE 'UTC')::date AS day, gift_id,
       coalesce(sum(gift_count), 0)::bigint AS gifts, count(DISTINCT uid) AS senders,
       count(*) AS events
FROM gifts GROUP BY 1, 2, 3`;

const comparisons = {
  room_daily_counts: {
    stored: `SELECT day_zone, room_id, day, messages, chatters, robot_messages, gift_events, gifts, entries FROM room_daily_counts`,
    recount: roomRecount,
  },
  chatter_daily: {
    stored: `SELECT day_zone, room_id, day, uid, messages, nickname FROM chatter_daily`,
    recount: chatterRecount,
  },
  gift_daily: {
    stored: `SELECT day_zone, room_id, day, gift_id, uid, gifts, events FROM gift_daily`,
    recount: giftRecount,
  },
  top_chatters_daily: { stored: `SELECT * FROM top_chatters_daily`, recount: topChattersRecount },
  gift_totals_daily: { stored: `SELECT * FROM gift_totals_daily`, recount: giftTotalsRecount },
} as const;

export type RollupName = keyof typeof comparisons;

export interface RollupCheck {
  /** Rows of each rollup or view (to see that the comparison was not of two empty sets). */
  rows: Record<RollupName, number>;
  /** Rows only in the rollup (`+`) or only in the recount (`-`), at most 10 per relation. */
  mismatches: Record<RollupName, string[]>;
}

/** Compares every rollup and view with its recount from the raw rows. */
export async function checkRollups(query: Query): Promise<RollupCheck> {
  const rows = {} as Record<RollupName, number>;
  const mismatches = {} as Record<RollupName, string[]>;
  for (const [name, { stored, recount }] of Object.entries(comparisons) as [
    RollupName,
    { stored: string; recount: string },
  ][]) {
    const [counted] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM (${stored}) s`);
    rows[name] = counted?.n ?? -1;
    const diff = await query<{ side: string; row: string }>(
      `(SELECT '+' AS side, s::text AS row FROM ((${stored}) EXCEPT ALL (${recount})) AS s LIMIT 10)
       UNION ALL
       (SELECT '-', r::text FROM ((${recount}) EXCEPT ALL (${stored})) AS r LIMIT 10)`,
    );
    mismatches[name] = diff.map((d) => `${d.side} ${d.row}`);
  }
  return { rows, mismatches };
}

/** No mismatch anywhere: what `expect(...).toEqual` compares `checkRollups().mismatches` with. */
export const noMismatches: Record<RollupName, string[]> = {
  room_daily_counts: [],
  chatter_daily: [],
  gift_daily: [],
  top_chatters_daily: [],
  gift_totals_daily: [],
};

/** checkRollups on a PostgreSQL database by URL. */
export function checkRollupsAt(url: string): Promise<RollupCheck> {
  return withPg(url, (client) =>
    checkRollups(async <Row>(text: string) => (await client.query(text)).rows as Row[]),
  );
}
