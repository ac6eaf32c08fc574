import { CLOSE_REASONS } from '@danmaku/client';

/** Why the collector dropped records: the `reason` label of records_dropped_total. */
export const DROP_REASONS = [
  'buffer_full',
  'closed',
  'shutdown',
  'sink_error',
  'session_buffer_full',
] as const;

/**
 * Closed label sets. Anything outside a set becomes `other`, so a new Douyu message type or an
 * unexpected error string can never add series.
 */
export const KNOWN_MESSAGE_TYPES: ReadonlySet<string> = new Set([
  'chatmsg',
  'comm_chatmsg',
  'dgb',
  'uenter',
  'loginres',
  'mrkl',
  'pingreq',
  'error',
  'spbc',
  'rss',
  'upgrade',
  'blab',
  'ssd',
  'anbc',
  'rnewbc',
  'synexp',
  'noble_num_info',
  'online_noble_list',
  'frank',
  'rankup',
  'ranklist',
  'newblackres',
  'onlinegift',
  'voice',
  'configscreen',
  'subres',
]);

/** The client's close reasons: each one except `user` leads to a reconnect. */
export const RECONNECT_REASONS: ReadonlySet<string> = new Set<string>(CLOSE_REASONS);

export const PROTOCOL_ERROR_CODES: ReadonlySet<string> = new Set([
  'FRAME_TOO_SHORT',
  'FRAME_TOO_LARGE',
  'LENGTH_MISMATCH',
  'UNKNOWN_FRAME_TYPE',
  'MISSING_TERMINATOR',
  'DECODER_BROKEN',
]);

export function boundedLabel(value: string, known: ReadonlySet<string>): string {
  return known.has(value) ? value : 'other';
}
