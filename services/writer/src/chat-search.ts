// The chat text search (`danmaku search`, bench/search): one statement beside the schema whose
// trigram index it is written for.

/** What a chat search looks for: the text anywhere in a chat message, and the filters. */
export interface ChatSearch {
  text: string;
  roomId?: number;
  uid?: string;
  /** Received at or after (inclusive). */
  fromMs?: number;
  /** Received before (exclusive). */
  toMs?: number;
  limit: number;
}

/** `%`, `_` and the escape character itself match only themselves. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/**
 * Newest first, at most `limit` rows. ILIKE '%text%' is what the trigram index on
 * chat_messages.text (pg_trgm, gin_trgm_ops) answers, for text of three characters or more;
 * room and time use their btree and BRIN indexes, and the time bounds prune partitions.
 * Backslash is LIKE's default escape character, so no ESCAPE clause hides the pattern from the
 * index.
 */
export function chatSearchStatement(filter: ChatSearch): { text: string; values: unknown[] } {
  const values: unknown[] = [`%${escapeLike(filter.text)}%`];
  const where = ['text ILIKE $1'];
  const add = (condition: string, value: unknown) => {
    values.push(value);
    where.push(condition.replace('?', `$${values.length}`));
  };
  if (filter.roomId !== undefined) add('room_id = ?', filter.roomId);
  if (filter.uid !== undefined) add('uid = ?::bigint', filter.uid);
  if (filter.fromMs !== undefined) add('received_at >= ?', new Date(filter.fromMs).toISOString());
  if (filter.toMs !== undefined) add('received_at < ?', new Date(filter.toMs).toISOString());
  values.push(filter.limit);
  const text =
    'SELECT received_at, room_id, uid, nickname, text FROM chat_messages\n' +
    `WHERE ${where.join(' AND ')}\n` +
    `ORDER BY received_at DESC LIMIT $${values.length}`;
  return { text, values };
}
