import { z } from 'zod';
import type { IngestRecord } from './records';
import type { NormalisedBatch, SessionEvent } from './rows';

/** The douyu.sessions.v1 value: one JSON record per lifecycle event of a collect session. */
export const sessionEventSchema = z.object({
  session: z.string().min(1).max(200),
  room: z.number().int().positive().max(2_147_483_647),
  collector: z.string().max(200),
  transport: z.enum(['ws', 'tcp']),
  endpoint: z.string().max(500),
  event: z.enum(['connecting', 'connected', 'logged_in', 'closed']),
  at: z
    .number()
    .int()
    .min(Date.UTC(2000, 0, 1))
    .max(Date.UTC(3000, 0, 1)),
  reason: z.string().max(2000).nullable(),
  messages: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
});

export function normaliseSession(record: IngestRecord, out: NormalisedBatch): void {
  let value: unknown;
  try {
    value = JSON.parse(record.value?.toString('utf8') ?? '');
  } catch {
    out.errors.push({ record, reason: 'invalid_session_event', detail: 'not JSON' });
    return;
  }
  const parsed = sessionEventSchema.safeParse(value);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    out.errors.push({ record, reason: 'invalid_session_event', detail });
    return;
  }
  if (parsed.data.session.includes('\u0000') || (parsed.data.reason ?? '').includes('\u0000')) {
    out.errors.push({ record, reason: 'nul_character', detail: null });
    return;
  }
  out.sessions.push(parsed.data);
}

/** One collect_sessions upsert row: each lifecycle step at its earliest time, the largest count. */
export interface SessionRow {
  sessionId: string;
  roomId: number;
  collector: string;
  transport: string;
  endpoint: string;
  connectingAtMs: number | null;
  connectedAtMs: number | null;
  loggedInAtMs: number | null;
  closedAtMs: number | null;
  closeReason: string | null;
  messages: number;
}

const stepColumn = {
  connecting: 'connectingAtMs',
  connected: 'connectedAtMs',
  logged_in: 'loggedInAtMs',
  closed: 'closedAtMs',
} as const;

/**
 * Folds a batch's events into one row per session: PostgreSQL refuses an ON CONFLICT DO UPDATE
 * that touches the same row twice in one statement. The same fold (earliest step, largest count)
 * runs again in SQL against the stored row, so replays change nothing.
 */
export function aggregateSessions(events: readonly SessionEvent[]): SessionRow[] {
  const rows = new Map<string, SessionRow>();
  for (const e of events) {
    let row = rows.get(e.session);
    if (row === undefined) {
      row = {
        sessionId: e.session,
        roomId: e.room,
        collector: e.collector,
        transport: e.transport,
        endpoint: e.endpoint,
        connectingAtMs: null,
        connectedAtMs: null,
        loggedInAtMs: null,
        closedAtMs: null,
        closeReason: null,
        messages: 0,
      };
      rows.set(e.session, row);
    }
    const column = stepColumn[e.event];
    const previous = row[column];
    if (previous === null || e.at < previous) {
      row[column] = e.at;
      if (e.event === 'closed') row.closeReason = e.reason;
    }
    row.messages = Math.max(row.messages, e.messages);
  }
  return [...rows.values()];
}
