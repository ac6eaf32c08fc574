import { isSessionReply, parseInteger, parseMessage } from '@danmaku/protocol';
import type { DouyuMessage } from '@danmaku/protocol';
import type { RawEntry } from '@danmaku/records';
import { errorRow } from './rows.js';
import { contentHash } from './content-hash.js';
import { chatRow, entryRow, giftRow } from './typed-rows.js';
import type {
  ContentKeyed,
  EventRow,
  IngestErrorReason,
  NormalisedBatch,
  SourceCoordinate,
} from './rows.js';
import { isLosslessStt } from '@danmaku/protocol';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const textEncoder = new TextEncoder();

/** The receiving connection as the merge compares it: a 64-bit hash of the session id. */
function sessionKey(session: string): string {
  return contentHash(textEncoder.encode(session));
}

// Receive times outside this window are clock garbage; they would also create absurd partitions.
const MIN_RECEIVED_MS = Date.UTC(2000, 0, 1);
const MAX_RECEIVED_MS = Date.UTC(3000, 0, 1);

/**
 * Turns one raw record into a row of the right table, or an ingest_errors row. Pure. A record
 * is poison when its timestamp is implausible, or its body is empty, not UTF-8, holds a NUL
 * (PostgreSQL text cannot) or has no `type`. (A key that is no room id never decodes.)
 */
export function normaliseRaw(entry: RawEntry, out: NormalisedBatch): void {
  const reject = (reason: IngestErrorReason, detail: string | null = null): void => {
    out.errors.push(errorRow(entry, reason, detail));
  };
  const { record, position } = entry;
  const ts = record.receivedAtMs;
  if (!Number.isFinite(ts) || ts < MIN_RECEIVED_MS || ts >= MAX_RECEIVED_MS) {
    return reject('invalid_timestamp', String(ts));
  }
  if (record.body.length === 0) return reject('empty_value');
  let text: string;
  try {
    text = utf8.decode(record.body);
  } catch {
    return reject('invalid_utf8');
  }
  if (text.includes('\u0000')) return reject('nul_character');
  const message = parseMessage(text);
  const source: SourceCoordinate = {
    receivedAtMs: ts,
    roomId: record.room,
    sourcePartition: position.partition,
    sourceOffset: position.offset,
  };
  if (!route(message, text, record.body, source, sessionKey(record.session), out))
    reject('missing_type');
}

function route(
  message: DouyuMessage,
  body: string,
  bytes: Uint8Array,
  source: SourceCoordinate,
  session: string,
  out: NormalisedBatch,
): boolean {
  const isCrossRoom = crossRoom(message.fields, source.roomId);
  if (message.type === 'chatmsg') {
    // Chat merges by (room, cid) instead: no hash to compute.
    out.chat.push(chatRow(message, source, isCrossRoom, out.unparsed));
    return true;
  }
  const keyed: ContentKeyed = {
    receivedAtMs: source.receivedAtMs,
    roomId: source.roomId,
    sourcePartition: source.sourcePartition,
    sourceOffset: source.sourceOffset,
    // A session's own replies (its loginres, keeplive, mrkl…) are not broadcasts: two sessions'
    // identical replies are two messages, so they carry no merge key.
    contentHash: isSessionReply(message.type === 'unknown' ? message.rawType : message.type)
      ? null
      : contentHash(bytes),
    sessionKey: session,
  };
  switch (message.type) {
    case 'dgb':
      out.gifts.push(giftRow(message, keyed, isCrossRoom, out.unparsed));
      return true;
    case 'uenter':
      out.entries.push(entryRow(message, keyed, isCrossRoom, out.unparsed));
      return true;
    default:
      return routeEvent(message, body, keyed, isCrossRoom, out);
  }
}

function routeEvent(
  message: DouyuMessage,
  body: string,
  source: ContentKeyed,
  isCrossRoom: boolean,
  out: NormalisedBatch,
): boolean {
  const type = message.type === 'unknown' ? message.rawType : message.type;
  if (type === undefined || type.length === 0) return false;
  const fields = message.fields;
  if (message.type === 'loginres') {
    // The client's own public IP: never stored. The protocol strips it; so do we, and the body
    // (which would still contain it) is never kept for loginres.
    delete fields['ip'];
    out.events.push(eventRow(source, type, isCrossRoom, fields, null));
    return true;
  }
  // The body is kept only when the fields cannot reproduce it exactly.
  const lossless = isLosslessStt(fields, body);
  out.events.push(eventRow(source, type, isCrossRoom, fields, lossless ? null : body));
  return true;
}

function eventRow(
  source: ContentKeyed,
  type: string,
  isCrossRoom: boolean,
  fields: Record<string, string>,
  body: string | null,
): EventRow {
  return {
    receivedAtMs: source.receivedAtMs,
    roomId: source.roomId,
    sourcePartition: source.sourcePartition,
    sourceOffset: source.sourceOffset,
    contentHash: source.contentHash,
    sessionKey: source.sessionKey,
    type,
    isCrossRoom,
    fields,
    body,
  };
}

/**
 * A message is cross-room when it names a room (rid) other than the one subscribed; a rid that
 * is not a number names no room we subscribe to.
 */
function crossRoom(fields: Record<string, string>, roomId: number): boolean {
  const rid = fields['rid'];
  return rid !== undefined && rid !== '' && parseInteger(rid) !== roomId;
}
