/**
 * The typed columns holding Douyu numbers, per table: the closed label set of
 * danmaku_writer_values_unparsed_total. (Text columns are NULL only when their field is absent:
 * any text parses.)
 */
export const numberColumns = {
  chat_messages: [
    'uid',
    'level',
    'badge_level',
    'badge_room_id',
    'noble_level',
    'colour',
    'client_type',
    'sent_at',
  ],
  gifts: ['uid', 'level', 'gift_id', 'gift_count', 'combo_hits', 'badge_level', 'badge_room_id'],
  user_entries: ['uid', 'level', 'noble_level'],
} as const;

type NumberColumns = typeof numberColumns;

/** `table.column` of a number column, e.g. `gifts.uid`. */
export type NumberColumn = {
  [T in keyof NumberColumns]: `${T}.${NumberColumns[T][number]}`;
}[keyof NumberColumns];

/** Values present in a body that were stored NULL (not a number, or outside the column's range). */
export type UnparsedCounts = Map<NumberColumn, number>;

export function addUnparsed(into: UnparsedCounts, from: UnparsedCounts): void {
  for (const [column, n] of from) into.set(column, (into.get(column) ?? 0) + n);
}

/** Every (table, column) label pair, to start each series at 0. */
export function numberColumnLabels(): { table: string; column: string }[] {
  return Object.entries(numberColumns).flatMap(([table, columns]) =>
    columns.map((column) => ({ table, column })),
  );
}

/** The metric labels of one `table.column` key. */
export function labelsOf(key: NumberColumn): { table: string; column: string } {
  const dot = key.indexOf('.');
  return { table: key.slice(0, dot), column: key.slice(dot + 1) };
}
