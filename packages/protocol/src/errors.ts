export type ProtocolErrorCode =
  | 'FRAME_TOO_SHORT' // declared length < 9 (header 8 + NUL)
  | 'FRAME_TOO_LARGE' // declared length > maxFrameBytes
  | 'LENGTH_MISMATCH' // the two length copies differ
  | 'UNKNOWN_FRAME_TYPE' // type not 689/690, or encrypt/reserved bytes not 0
  | 'MISSING_TERMINATOR' // last byte of the frame is not 0x00
  | 'DECODER_BROKEN'; // push/read after an earlier ProtocolError

/**
 * The one error the protocol package throws. Every code means the byte stream is desynchronised:
 * the owner drops the connection and reconnects.
 */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
  readonly code: ProtocolErrorCode;

  constructor(code: ProtocolErrorCode, message: string) {
    super(`${code}: ${message}`);
    this.code = code;
  }
}
