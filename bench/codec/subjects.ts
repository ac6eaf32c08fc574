import { FrameDecoder, parseMessage, peekType } from '@danmaku/protocol';
import { Packet, STT } from 'douyudm';
import { naiveParse, naivePeekType, NaiveFramer } from './naive.js';

/** What one pass over the input produced: frames handled, and chat lines seen (a checksum). */
export interface Outcome {
  frames: number;
  chats: number;
}

export interface Input {
  /** The stream cut into fixed-size chunks, as sockets deliver it. */
  chunks: Buffer[];
  /** The same stream as one buffer per frame, for douyudm, which keeps no state between calls. */
  frames: Buffer[];
}

export type Subject = (input: Input) => Outcome;

const CHATMSG_PREFIX = Buffer.from('type@=chatmsg/');

export const peekSubjects: Record<string, Subject> = {
  danmaku: ({ chunks }) => {
    const decoder = new FrameDecoder();
    const out = { frames: 0, chats: 0 };
    for (const chunk of chunks) {
      decoder.push(chunk);
      for (const frame of decoder) {
        out.frames++;
        if (peekType(frame.body) === 'chatmsg') out.chats++;
      }
    }
    return out;
  },
  // douyudm has no peek. The cheapest way to learn the type with it: Packet.Decode hands over the
  // body as a string; find the top-level `type@=` in it (the same rule as peekType), no deserialize.
  douyudm: ({ frames }) => {
    const out = { frames: 0, chats: 0 };
    const onMessage = (message: string): void => {
      out.frames++;
      if (textTypeIs(message, 'chatmsg')) out.chats++;
    };
    for (const frame of frames) Packet.Decode(frame, onMessage);
    return out;
  },
  naive: ({ chunks }) => {
    const framer = new NaiveFramer();
    const out = { frames: 0, chats: 0 };
    const onBody = (body: string): void => {
      out.frames++;
      if (naivePeekType(body) === 'chatmsg') out.chats++;
    };
    for (const chunk of chunks) framer.push(chunk, onBody);
    return out;
  },
  // Framing plus a fixed-position compare: the least a router could do.
  ceiling: ({ chunks }) => walkLengths(chunks, startsWithChatmsg),
};

export const parseSubjects: Record<string, Subject> = {
  danmaku: ({ chunks }) => {
    const decoder = new FrameDecoder();
    const out = { frames: 0, chats: 0 };
    for (const chunk of chunks) {
      decoder.push(chunk);
      for (const frame of decoder) {
        out.frames++;
        if (parseMessage(frame.body).type === 'chatmsg') out.chats++;
      }
    }
    return out;
  },
  // douyudm's full decode: Packet.Decode + STT.deserialize, what its users do with every message.
  douyudm: ({ frames }) => {
    const out = { frames: 0, chats: 0 };
    const onMessage = (message: string): void => {
      out.frames++;
      if ((STT.deserialize(message) as { type?: unknown }).type === 'chatmsg') out.chats++;
    };
    for (const frame of frames) Packet.Decode(frame, onMessage);
    return out;
  },
  naive: ({ chunks }) => {
    const framer = new NaiveFramer();
    const out = { frames: 0, chats: 0 };
    const onBody = (body: string): void => {
      out.frames++;
      if (naiveParse(body).type === 'chatmsg') out.chats++;
    };
    for (const chunk of chunks) framer.push(chunk, onBody);
    return out;
  },
  // Framing plus the UTF-8 decode every parser needs: no STT work at all.
  ceiling: ({ chunks }) =>
    walkLengths(chunks, (chunk, start, end) =>
      chunk.toString('utf8', start, end).startsWith('type@=chatmsg/'),
    ),
};

/**
 * The least work a framer can do: follow the length fields across chunks, no validation and no
 * views, just offsets. Only a frame that spans chunks is copied, once, into a buffer of its own
 * size (a length field cut by the boundary is joined first), as the cheapest correct framer would.
 */
function walkLengths(
  chunks: Buffer[],
  onBody: (chunk: Buffer, start: number, end: number) => boolean,
): Outcome {
  const out = { frames: 0, chats: 0 };
  let head: Buffer | undefined; // under 4 bytes of a length field, cut by a chunk boundary
  let spanning: Buffer | undefined; // a frame that began in an earlier chunk
  let filled = 0;
  const finish = (frame: Buffer, start: number, end: number): void => {
    out.frames++;
    if (onBody(frame, start + 12, end - 1)) out.chats++;
  };
  for (const chunk of chunks) {
    let at = 0;
    if (head !== undefined) {
      const joined = Buffer.concat([head, chunk.subarray(0, 4 - head.length)]);
      at = joined.length - head.length;
      head = undefined;
      if (joined.length < 4) {
        head = joined;
        continue;
      }
      spanning = Buffer.allocUnsafe(4 + joined.readUInt32LE(0));
      filled = joined.copy(spanning, 0);
    }
    if (spanning !== undefined) {
      const copied = chunk.copy(spanning, filled, at, at + spanning.length - filled);
      filled += copied;
      at += copied;
      if (filled < spanning.length) continue;
      finish(spanning, 0, spanning.length);
      spanning = undefined;
    }
    while (at + 4 <= chunk.length) {
      const end = at + 4 + chunk.readUInt32LE(at);
      if (end > chunk.length) break;
      finish(chunk, at, end);
      at = end;
    }
    if (at === chunk.length) continue;
    if (chunk.length - at < 4) {
      head = chunk.subarray(at);
    } else {
      spanning = Buffer.allocUnsafe(4 + chunk.readUInt32LE(at));
      filled = chunk.copy(spanning, 0, at);
    }
  }
  return out;
}

/** The top-level `type` of an STT text is `expected` (it is the first key, or follows a '/'). */
function textTypeIs(text: string, expected: string): boolean {
  let key = 0;
  if (!text.startsWith('type@=')) {
    key = text.indexOf('/type@=');
    if (key === -1) return false;
    key++;
  }
  const start = key + 'type@='.length;
  return (
    text.startsWith(expected, start) &&
    (text.length === start + expected.length || text[start + expected.length] === '/')
  );
}

function startsWithChatmsg(chunk: Buffer, start: number, end: number): boolean {
  if (end - start < CHATMSG_PREFIX.length) return false;
  for (let i = 0; i < CHATMSG_PREFIX.length; i++) {
    if (chunk[start + i] !== CHATMSG_PREFIX[i]) return false;
  }
  return true;
}
