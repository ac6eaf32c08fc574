import { getTableConfig, getViewConfig, PgTable, PgView } from 'drizzle-orm/pg-core';
import type { PgColumn } from 'drizzle-orm/pg-core';
import * as schema from '../schema/index.js';

/** A table or view of the drizzle schema: its columns in declared order with their SQL types. */
export interface SchemaRelation {
  relation: string;
  kind: 'table' | 'view';
  columns: { column: string; type: string }[];
}

/** Every table and view the drizzle schema declares (the views as `.existing()`). */
export function schemaRelations(): SchemaRelation[] {
  const relations: SchemaRelation[] = [];
  for (const value of Object.values(schema)) {
    if (value instanceof PgTable) {
      const config = getTableConfig(value);
      relations.push({ relation: config.name, kind: 'table', columns: config.columns.map(typed) });
    } else if (value instanceof PgView) {
      const config = getViewConfig(value);
      const columns = Object.values(config.selectedFields as Record<string, PgColumn>);
      relations.push({ relation: config.name, kind: 'view', columns: columns.map(typed) });
    }
  }
  return relations;
}

function typed(column: PgColumn): { column: string; type: string } {
  return { column: column.name, type: column.getSQLType() };
}
