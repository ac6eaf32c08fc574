export { ProtocolError, type ProtocolErrorCode } from './errors';
export { CLIENT_FRAME_TYPE, SERVER_FRAME_TYPE, encodeFrame, type FrameType } from './frame';
export {
  DEFAULT_MAX_FRAME_BYTES,
  FrameDecoder,
  type Frame,
  type FrameDecoderOptions,
} from './frame-decoder';
export {
  escapeStt,
  parseStt,
  parseSttList,
  parseSttPairs,
  serializeStt,
  serializeSttList,
} from './stt';
export { isLosslessStt } from './stt-lossless';
export {
  parseMessage,
  peekType,
  toInt,
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
} from './messages';
export { redactLoginIp } from './redact-login-ip';
export { heartbeatRequest, joinGroupRequest, loginRequest, logoutRequest } from './requests';
