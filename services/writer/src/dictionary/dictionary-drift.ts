import type { DatabaseRelation } from './database-comments.js';
import { targetKey, type CommentTarget } from './dictionary-comments.js';

/** Where the dictionary and a migrated database disagree. */
export interface DictionaryDrift {
  /** Targets whose comment in the database differs from the dictionary's (or is missing). */
  changed: CommentTarget[];
  /** Dictionary entries with no such table, view or column in the database. */
  missingInDatabase: string[];
  /** Tables, views and columns of the database the dictionary does not describe. */
  undescribed: string[];
}

export function dictionaryDrift(
  targets: readonly CommentTarget[],
  database: readonly DatabaseRelation[],
): DictionaryDrift {
  const stored = new Map<string, string | null>();
  for (const r of database) {
    stored.set(r.relation, r.comment);
    for (const c of r.columns) stored.set(`${r.relation}.${c.column}`, c.comment);
  }
  const wanted = new Set(targets.map(targetKey));
  return {
    changed: targets.filter(
      (t) => stored.has(targetKey(t)) && stored.get(targetKey(t)) !== t.comment,
    ),
    missingInDatabase: targets.map(targetKey).filter((key) => !stored.has(key)),
    undescribed: [...stored.keys()].filter((key) => !wanted.has(key)),
  };
}
