import type { FaultConfig } from './faults.js';

/** What to do with the next stream message, given the faults and what was sent so far. */
export type StreamAction = 'send' | 'close' | 'silence' | 'malformed' | 'error-then-send';

export interface StreamProgress {
  /** Stream messages sent so far. */
  sent: number;
  malformedSent: boolean;
  errorSent: boolean;
}

/** Counts are checked before each message too, so a count of 0 (or one set at runtime) fires. */
export function nextStreamAction(faults: FaultConfig, progress: StreamProgress): StreamAction {
  const { closeAfterMessages, silenceAfterMessages, malformed, error } = faults;
  const { sent } = progress;
  if (closeAfterMessages !== undefined && sent >= closeAfterMessages) return 'close';
  if (silenceAfterMessages !== undefined && sent >= silenceAfterMessages) return 'silence';
  if (
    malformed !== undefined &&
    !progress.malformedSent &&
    sent >= (malformed.afterMessages ?? 0)
  ) {
    return 'malformed';
  }
  if (error !== undefined && !progress.errorSent && sent >= (error.afterMessages ?? 0)) {
    return 'error-then-send';
  }
  return 'send';
}

/** After a message went out: close right away instead of waiting for the next one. */
export function closesAfter(faults: FaultConfig, sent: number): boolean {
  return faults.closeAfterMessages !== undefined && sent >= faults.closeAfterMessages;
}
