import { z } from 'zod';
import { MAX_ROOM_ID } from './raw-record.js';

/** The one runtime schema of a session event (the JSON value on `douyu.sessions.v1`). */
export const sessionEventSchema = z.object({
  session: z.string().min(1).max(200),
  room: z.number().int().positive().max(MAX_ROOM_ID),
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
  /** Records of this session handed to the sink so far. */
  messages: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
});

/** One lifecycle event of a collect session. */
export type SessionEvent = z.infer<typeof sessionEventSchema>;

export type SessionEventKind = SessionEvent['event'];

/** A value checked against the schema: the event, or every problem named in one line. */
export function parseSessionEvent(
  value: unknown,
): { ok: true; event: SessionEvent } | { ok: false; detail: string } {
  const parsed = sessionEventSchema.safeParse(value);
  if (parsed.success) return { ok: true, event: parsed.data };
  const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  return { ok: false, detail };
}
