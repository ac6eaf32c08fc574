const ISO_TIME =
  /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?))?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** `Z`, or `±HH:MM` (JavaScript's Date reads no `+08` or `+0800`). */
function offsetOf(offset: string | undefined): string {
  if (offset === undefined || offset.toUpperCase() === 'Z') return 'Z';
  const digits = offset.slice(1).replace(':', '');
  return `${offset[0]}${digits.slice(0, 2)}:${digits.slice(2) || '00'}`;
}

/**
 * The time flags of every command (`--from`, `--to`): ISO 8601, in UTC unless it names an
 * offset (`2026-05-01`, `2026-05-01T08:00`, `2026-05-01T08:00:00+08:00`). Returned with its
 * offset spelled out, microseconds kept, so PostgreSQL and Date read the same instant whatever
 * the machine's time zone; undefined when the text is no such time.
 */
export function isoTime(text: string): string | undefined {
  const match = ISO_TIME.exec(text.trim());
  const iso =
    match === null ? undefined : `${match[1]}T${match[2] ?? '00:00'}${offsetOf(match[3])}`;
  return iso !== undefined && Number.isFinite(Date.parse(iso)) ? iso : undefined;
}
