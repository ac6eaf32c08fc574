import { describe, expect, it } from 'vitest';
import { CLIENT_FRAME_TYPE, encodeFrame, SERVER_FRAME_TYPE } from './frame.js';
import { heartbeatRequest, joinGroupRequest, loginRequest, logoutRequest } from './requests.js';

const hex = (bytes: Buffer): string => bytes.toString('hex');

describe('encodeFrame', () => {
  it('encodes the heartbeat exactly as real clients send it', () => {
    expect(hex(encodeFrame('type@=mrkl/'))).toBe(
      '14000000' + '14000000' + 'b1020000' + Buffer.from('type@=mrkl/').toString('hex') + '00',
    );
  });

  it('counts UTF-8 bytes, not characters, in both length copies', () => {
    const body = 'type@=chatmsg/nn@=小明/txt@=hi/';
    expect(Buffer.byteLength(body)).toBe(33);
    const frame = encodeFrame(body, SERVER_FRAME_TYPE);
    expect(hex(frame.subarray(0, 12))).toBe('2a0000002a000000b2020000');
    expect(frame).toHaveLength(4 + 0x2a);
    expect(frame.subarray(12, -1).toString('utf8')).toBe(body);
    expect(frame.at(-1)).toBe(0);
  });

  it('matches the worked frame sizes of the reference', () => {
    const login = encodeFrame(loginRequest(9999));
    expect(login.readUInt32LE(0)).toBe(37);
    expect(login).toHaveLength(41);
    expect(encodeFrame(joinGroupRequest(9999)).readUInt32LE(4)).toBe(46);
    expect(encodeFrame(logoutRequest()).readUInt32LE(0)).toBe(22);
    expect(encodeFrame(heartbeatRequest()).readUInt16LE(8)).toBe(CLIENT_FRAME_TYPE);
  });

  it('encodes an empty body as a 13-byte frame with length 9', () => {
    expect(hex(encodeFrame('', SERVER_FRAME_TYPE))).toBe('0900000009000000b202000000');
  });

  it('encodes emoji (astral characters) as 4-byte UTF-8', () => {
    const frame = encodeFrame('txt@=😊/');
    expect(frame.readUInt32LE(0)).toBe(9 + 'txt@='.length + 4 + '/'.length);
  });
});

describe('request builders', () => {
  it('build the minimal bodies every maintained client sends', () => {
    expect(loginRequest(9999)).toBe('type@=loginreq/roomid@=9999/');
    expect(joinGroupRequest(9999)).toBe('type@=joingroup/rid@=9999/gid@=-9999/');
    expect(joinGroupRequest(288016, 1)).toBe('type@=joingroup/rid@=288016/gid@=1/');
    expect(heartbeatRequest()).toBe('type@=mrkl/');
    expect(logoutRequest()).toBe('type@=logout/');
  });

  it('reject ids that are not integers', () => {
    expect(() => loginRequest(Number.NaN)).toThrow(RangeError);
    expect(() => joinGroupRequest(1, 1.5)).toThrow(RangeError);
  });
});
