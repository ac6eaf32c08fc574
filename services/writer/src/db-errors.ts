/**
 * What to do about a failed batch transaction:
 * - `missing_partition`: a row's day has no partition (dropped by retention meanwhile): recreate, retry;
 * - `data`: PostgreSQL rejected a value (SQLSTATE classes 22, 23, 54): retrying the same batch
 *   cannot succeed, so it is written record by record and the offenders go to ingest_errors;
 * - `transient`: anything else (connection lost, server down, deadlock): back off and retry.
 */
export type DbErrorKind = 'missing_partition' | 'data' | 'transient';

export function classifyDbError(error: unknown): DbErrorKind {
  const code = sqlState(error);
  if (code === undefined) return 'transient';
  if (code === '23514' && /no partition of relation/i.test(messageOf(error)))
    return 'missing_partition';
  if (code.startsWith('22') || code.startsWith('23') || code.startsWith('54')) return 'data';
  return 'transient';
}

function sqlState(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = error.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
