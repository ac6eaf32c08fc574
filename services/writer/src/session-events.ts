import type { SessionEntry, SessionEvent } from '@danmaku/records';
import { errorRow } from './rows.js';
import type { NormalisedBatch } from './rows.js';

/** A decoded session event as a collect_sessions step, unless PostgreSQL text cannot hold it. */
export function normaliseSession(entry: SessionEntry, out: NormalisedBatch): void {
  const { event } = entry;
  if (event.session.includes('\u0000') || (event.reason ?? '').includes('\u0000')) {
    out.errors.push(errorRow(entry, 'nul_character'));
    return;
  }
  out.sessions.push(event);
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
