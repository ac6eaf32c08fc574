import { loadSampleBodies } from '../lib/samples.js';

export const DATASET_START = '2026-05-01';
export const DATASET_DAYS = 7;
export const DATASET_ROOMS = 20;
/** In about one message in 50,000: what a rare-word search finds. */
export const RARE_WORD = '彩虹独角兽';
export const DAY_MS = 86_400_000;

/** The chat texts of the captured Douyu bodies (fixtures/douyu/samples.txt), STT-unescaped. */
export function sampleChatTexts(): string[] {
  const texts = loadSampleBodies()
    .filter((body) => body.startsWith('type@=chatmsg/'))
    .map((body) => /(?:^|\/)txt@=([^/]*)/.exec(body)?.[1] ?? '')
    .map((text) => text.replace(/@S/g, '/').replace(/@A/g, '@'))
    .filter((text) => text !== '');
  if (texts.length === 0) throw new Error('no chat text in fixtures/douyu/samples.txt');
  return texts;
}

const literal = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/** Where row g lands: `total` rows spread evenly over the dataset's days. */
export function datasetSpread(total: number): { startMs: number; stepMs: number } {
  return {
    startMs: Date.parse(`${DATASET_START}T00:00:00Z`),
    stepMs: (DATASET_DAYS * DAY_MS) / total,
  };
}

/**
 * One INSERT … SELECT over generate_series: rows [first, last], row g received at
 * startMs + (g - first) × stepMs. A message is one to three sample texts, sometimes with a number (the
 * "666" and "18" of real chat); RARE_WORD is in one row of 50,000. random() after setseed()
 * makes it the same dataset on every run and on both databases.
 */
export function insertChatSql(
  first: number,
  last: number,
  { startMs, stepMs }: { startMs: number; stepMs: number },
): string {
  const texts = `ARRAY[${sampleChatTexts().map(literal).join(', ')}]`;
  const pick = `(${texts})[1 + floor(random() * ${sampleChatTexts().length})::int]`;
  return `INSERT INTO chat_messages (received_at, room_id, cid, uid, nickname, text, level,
  badge_name, badge_level, badge_room_id, noble_level, colour, client_type, sent_at, is_robot,
  is_cross_room, fields, source_partition, source_offset)
SELECT t, room, 'bench' || g, uid, '观众' || uid, txt, 1 + g % 60, '鱼丸', g % 25, room, g % 7,
  0, 2, t, g % 10 = 0, false,
  jsonb_build_object('type', 'chatmsg', 'rid', room::text, 'uid', uid::text, 'txt', txt),
  -1, g
FROM (
  SELECT g, to_timestamp((${startMs} + (g - ${first}) * ${stepMs}) / 1000.0) AS t,
         1000 + floor(power(random(), 2) * ${DATASET_ROOMS})::int AS room,
         100000 + floor(random() * 200000)::bigint AS uid,
         ${pick}
           || CASE WHEN random() < 0.35 THEN ' ' || ${pick} ELSE '' END
           || CASE WHEN random() < 0.1 THEN ' ' || ${pick} ELSE '' END
           || CASE WHEN random() < 0.25 THEN ' ' || floor(random() * 1000)::int ELSE '' END
           || CASE WHEN g % 50000 = 17 THEN ' ${RARE_WORD}' ELSE '' END AS txt
  FROM generate_series(${first}, ${last}) AS g
) AS generated`;
}
