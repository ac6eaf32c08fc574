import { messageParsers } from './message-parsers.js';
import type { DouyuMessage } from './message-types.js';
import { parseFields } from './parse-fields.js';
import { peekType } from './peek-type.js';

export { peekType };
export { parseClientTimeMs, parseInteger } from './parse-integer.js';
export { hasWireField, wireNames, type MessageProperty } from './wire-names.js';
export type {
  ChatMessage,
  DouyuMessage,
  DouyuMessageType,
  ErrorMessage,
  GiftMessage,
  HeartbeatEcho,
  LoginResponse,
  PingRequest,
  UnknownMessage,
  UserEnterMessage,
} from './message-types.js';

const isKnown = (type: string | undefined): type is keyof typeof messageParsers =>
  type !== undefined && Object.hasOwn(messageParsers, type);

/** Never throws: odd input becomes an `unknown` message that keeps every field. */
export function parseMessage(body: string | Uint8Array): DouyuMessage {
  const fields = parseFields(body);
  const rawType = fields.type;
  if (isKnown(rawType)) {
    try {
      return messageParsers[rawType](fields);
    } catch {
      // A parser bug must not stop a pipeline; the raw fields are still worth keeping.
    }
  }
  return { type: 'unknown', rawType, fields };
}
