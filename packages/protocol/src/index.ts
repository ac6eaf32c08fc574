export { ProtocolError, type ProtocolErrorCode } from './errors.js';
export { CLIENT_FRAME_TYPE, SERVER_FRAME_TYPE, encodeFrame, type FrameType } from './frame.js';
export {
  DEFAULT_MAX_FRAME_BYTES,
  FrameDecoder,
  type Frame,
  type FrameDecoderOptions,
} from './frame-decoder.js';
export {
  escapeStt,
  parseStt,
  parseSttList,
  parseSttPairs,
  serializeStt,
  serializeSttList,
} from './stt.js';
export { isLosslessStt } from './stt-lossless.js';
export {
  parseMessage,
  peekType,
  parseClientTimeMs,
  parseInteger,
  hasWireField,
  wireNames,
  type MessageProperty,
  type ChatMessage,
  type DouyuMessage,
  type DouyuMessageType,
  type ErrorMessage,
  type GiftMessage,
  type HeartbeatEcho,
  type LoginResponse,
  type PingRequest,
  type UnknownMessage,
  type UserEnterMessage,
} from './messages.js';
export { redactLoginIp } from './redact-login-ip.js';
export { isSessionReply } from './session-replies.js';
export { heartbeatRequest, joinGroupRequest, loginRequest, logoutRequest } from './requests.js';
