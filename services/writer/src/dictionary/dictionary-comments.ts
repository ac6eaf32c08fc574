import { columnComment } from './comment-text.js';
import type { DataDictionary } from './dictionary-types.js';

/** One COMMENT ON target: a relation (column undefined) or one of its columns. */
export interface CommentTarget {
  relation: string;
  kind: 'table' | 'view';
  column?: string;
  comment: string;
}

/** Every comment the dictionary gives, relations first, each followed by its columns. */
export function dictionaryComments(dictionary: DataDictionary): CommentTarget[] {
  const targets: CommentTarget[] = [];
  for (const [relation, entry] of Object.entries(dictionary)) {
    targets.push({ relation, kind: entry.kind, comment: entry.description });
    for (const [column, columnEntry] of Object.entries(entry.columns)) {
      targets.push({ relation, kind: entry.kind, column, comment: columnComment(columnEntry) });
    }
  }
  return targets;
}

export function targetKey(target: Pick<CommentTarget, 'relation' | 'column'>): string {
  return target.column === undefined ? target.relation : `${target.relation}.${target.column}`;
}

const ident = (name: string): string => `"${name.replaceAll('"', '""')}"`;
const literal = (text: string): string => `'${text.replaceAll("'", "''")}'`;

/** `COMMENT ON TABLE|VIEW|COLUMN … IS '…';` for one target. */
export function commentStatement(target: CommentTarget): string {
  const text = literal(target.comment);
  if (target.column === undefined) {
    return `COMMENT ON ${target.kind === 'view' ? 'VIEW' : 'TABLE'} ${ident(target.relation)} IS ${text};`;
  }
  return `COMMENT ON COLUMN ${ident(target.relation)}.${ident(target.column)} IS ${text};`;
}

/** A migration body: one statement per target, separated as drizzle-kit's migrator expects. */
export function commentMigration(targets: readonly CommentTarget[], header: string): string {
  const statements = targets.map(commentStatement);
  return `${header}\n${statements.join('\n--> statement-breakpoint\n')}\n`;
}
