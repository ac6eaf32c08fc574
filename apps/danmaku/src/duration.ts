const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** The units a duration may use, for error messages. */
export const DURATION_UNITS = 'ms, s, m, h, d (e.g. 500ms, 30m, 2h, 1h30m)';

/**
 * `90m`, `2h`, `1h30m`, `45s`, `500ms`. Undefined when the text is no positive duration; a bare
 * number is none either, since `2` silently meaning 2 ms surprised people (issue 16).
 */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^(\d+(ms|s|m|h|d))+$/.test(trimmed)) return undefined;
  let total = 0;
  for (const [, amount = '0', unit = 'ms'] of trimmed.matchAll(/(\d+)(ms|s|m|h|d)/g)) {
    total += Number(amount) * (UNIT_MS[unit] ?? 0);
  }
  return total > 0 && Number.isSafeInteger(total) ? total : undefined;
}

/** 5400000 → `1h30m`. */
export function formatDuration(ms: number): string {
  const parts: string[] = [];
  let rest = ms;
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    const size = UNIT_MS[unit] ?? 1;
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  if (rest > 0 || parts.length === 0) parts.push(`${rest}ms`);
  return parts.join('');
}
