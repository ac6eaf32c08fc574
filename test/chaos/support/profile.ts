/**
 * Sizes of the chaos scenarios. CHAOS_PROFILE=full (what `pnpm test:chaos` runs locally) uses the
 * issue's full sizes; anything else is the bounded CI run. Each size can also be set on its own.
 */
export const FULL = process.env['CHAOS_PROFILE'] === 'full';

export function sized(envName: string, ci: number, full: number): number {
  const value = process.env[envName];
  if (value === undefined || value === '') return FULL ? full : ci;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${envName} must be a number >= 0`);
  return n;
}

export const profileName = FULL ? 'full' : 'ci (bounded)';
