import type { WriterConfig } from '@danmaku/writer';
import {
  parseColumnComment,
  readDatabaseComments,
  type DatabaseRelation,
} from '@danmaku/writer/dictionary';
import type { CliIo } from '../cli-io.js';
import { describeDatabase } from '../database-label.js';
import { openWriterDatabase } from '../pglite-template.js';

const NO_COMMENT = '(no comment: `danmaku migrate` sets them)';

/** Prints the relations, or one relation's columns; the exit code (2: no such table). */
export async function describeDatabaseTables(
  config: Pick<WriterConfig, 'databaseUrl' | 'dataDir'>,
  io: CliIo,
  table: string | undefined,
): Promise<number> {
  const { database } = await openWriterDatabase({ ...config, dbPoolSize: 1 }, io.env);
  let relations: DatabaseRelation[];
  try {
    relations = await readDatabaseComments(database.client);
  } finally {
    await database.client.close().catch(() => undefined);
  }
  const target = describeDatabase(config);
  if (table === undefined) {
    io.out(formatRelations(target, relations));
    return 0;
  }
  const relation = relations.find((r) => r.relation === table);
  if (relation === undefined) {
    io.err(
      `danmaku describe: no table or view "${table}" in ${target}; there are: ` +
        `${relations.map((r) => r.relation).join(', ')}\n`,
    );
    return 2;
  }
  io.out(formatColumns(relation));
  return 0;
}

export function formatRelations(target: string, relations: readonly DatabaseRelation[]): string {
  const width = Math.max(...relations.map((r) => r.relation.length), 4);
  const lines = [`tables and views in ${target}:`];
  for (const r of relations) {
    lines.push(`  ${r.relation.padEnd(width)}  ${r.kind.padEnd(5)}  ${r.comment ?? NO_COMMENT}`);
  }
  lines.push(
    '',
    'danmaku describe <table> lists its columns; docs/data-dictionary.md has them all.',
  );
  return `${lines.join('\n')}\n`;
}

export function formatColumns(relation: DatabaseRelation): string {
  const rows = relation.columns.map((c) => {
    const entry = c.comment === null ? { description: NO_COMMENT } : parseColumnComment(c.comment);
    return { name: c.column, type: c.type, unit: entry.unit ?? '', wire: entry.wire ?? '', entry };
  });
  const header = { name: 'column', type: 'type', unit: 'unit', wire: 'wire field' };
  const keys = ['name', 'type', 'unit', 'wire'] as const;
  const widths = keys.map((k) => Math.max(header[k].length, ...rows.map((r) => r[k].length)));
  const line = (cells: readonly string[], meaning: string) =>
    `${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ')}  ${meaning}`;
  const lines = [
    `${relation.relation} (${relation.kind}): ${relation.comment ?? NO_COMMENT}`,
    '',
    line(
      keys.map((k) => header[k]),
      'meaning',
    ),
  ];
  const indent = ' '.repeat(widths.reduce((sum, w) => sum + w + 2, 0) + 2);
  for (const r of rows) {
    lines.push(
      line(
        keys.map((k) => r[k]),
        r.entry.description,
      ),
    );
    for (const [code, meaning] of r.entry.codes ?? []) lines.push(`${indent}${code} = ${meaning}`);
  }
  return `${lines.join('\n')}\n`;
}
