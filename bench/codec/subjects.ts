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
  // douyudm has no peek: its users deserialize and read `.type`.
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
  douyudm: peekSubjects.douyudm as Subject,
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
 * views, just offsets (frames spanning chunks are joined, as any framer must).
 */
function walkLengths(
  chunks: Buffer[],
  onBody: (chunk: Buffer, start: number, end: number) => boolean,
): Outcome {
  const out = { frames: 0, chats: 0 };
  let tail: Buffer | undefined;
  for (let chunk of chunks) {
    if (tail !== undefined) chunk = Buffer.concat([tail, chunk]);
    let at = 0;
    while (at + 4 <= chunk.length) {
      const end = at + 4 + chunk.readUInt32LE(at);
      if (end > chunk.length) break;
      out.frames++;
      if (onBody(chunk, at + 12, end - 1)) out.chats++;
      at = end;
    }
    tail = at < chunk.length ? chunk.subarray(at) : undefined;
  }
  return out;
}

function startsWithChatmsg(chunk: Buffer, start: number, end: number): boolean {
  if (end - start < CHATMSG_PREFIX.length) return false;
  for (let i = 0; i < CHATMSG_PREFIX.length; i++) {
    if (chunk[start + i] !== CHATMSG_PREFIX[i]) return false;
  }
  return true;
}
