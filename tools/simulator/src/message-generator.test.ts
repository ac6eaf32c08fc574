import { parseMessage, parseStt, parseSttPairs, peekType, serializeStt } from '@danmaku/protocol';
import { describe, expect, it } from 'vitest';
import {
  chatCid,
  generateMessage,
  messageTypeAt,
  type GeneratedMessage,
} from './message-generator.js';
import { TYPE_MIX } from './type-mix.js';

const EPOCH = Date.UTC(2026, 0, 1);

function stream(seed: number, roomId: number, count: number): GeneratedMessage[] {
  return Array.from({ length: count }, (_, seq) =>
    generateMessage(seed, roomId, seq, EPOCH + seq * 50),
  );
}

describe('generateMessage', () => {
  const messages = [1001, 1002, 9999].flatMap((roomId) => stream(7, roomId, 8_000));
  const chats = messages.filter((m) => m.type === 'chatmsg');

  it('is a pure function of (seed, room, seq, time)', () => {
    expect(stream(7, 1001, 300)).toEqual(stream(7, 1001, 300));
    const other = stream(8, 1001, 300);
    expect(other.filter((m, i) => m.body === messages[i]?.body)).toHaveLength(0);
  });

  it('round-trips every body through parseSttPairs / serializeStt', () => {
    const broken = messages.filter((m) => serializeStt(parseSttPairs(m.body)) !== m.body);
    expect(broken).toEqual([]);
  });

  it('labels each body with its own top-level type, the one messageTypeAt predicts', () => {
    expect(messages.filter((m) => peekType(m.body) !== m.type)).toEqual([]);
    const mispredicted = [1001, 1002].flatMap((roomId) =>
      stream(7, roomId, 2_000).filter((m) => messageTypeAt(7, roomId, m.seq) !== m.type),
    );
    expect(mispredicted).toEqual([]);
  });

  it('follows the type mix of real traffic', () => {
    const total: Record<string, number> = {};
    for (const m of messages) total[m.type] = (total[m.type] ?? 0) + 1;
    for (const type of ['dgb', 'noble_num_info', 'uenter', 'chatmsg'] as const) {
      expect((total[type] ?? 0) / messages.length).toBeCloseTo(TYPE_MIX[type] / 100, 1);
    }
    for (const type of [
      'synexp',
      'qausrespond',
      'anbc',
      'spbc',
      'ranklist',
      'fswrank',
      'comm_chatmsg',
    ]) {
      expect(total[type] ?? 0).toBeGreaterThan(0);
    }
  });

  it('gives every chat a unique 32-hex cid, the one chatCid derives', () => {
    expect(new Set(chats.map((m) => m.cid)).size).toBe(chats.length);
    for (const m of chats) {
      expect(m.cid).toMatch(/^[0-9a-f]{32}$/);
      expect(parseStt(m.body).cid).toBe(m.cid);
    }
    expect(chatCid(7, 1001, 5)).not.toBe(chatCid(7, 1002, 5));
    expect(chatCid(7, 1001, 5)).not.toBe(chatCid(7, 1001, 6));
  });

  it('sends some chats without dms (robot chat) and most with it', () => {
    const robots = chats.filter(
      (m) => parseMessage(m.body).type === 'chatmsg' && !m.body.includes('/dms@='),
    );
    expect(robots.length / chats.length).toBeGreaterThan(0.05);
    expect(robots.length / chats.length).toBeLessThan(0.4);
  });

  it('varies users and texts, with CJK, emoji, "/" and "@" inside text, and empty fields', () => {
    const texts = chats.map((m) => parseStt(m.body).txt ?? '');
    const nicknames = new Set(
      messages.map((m) => parseStt(m.body).nn).filter((nn) => nn !== undefined),
    );
    const uids = new Set(chats.map((m) => parseStt(m.body).uid));
    expect(uids.size).toBeGreaterThan(chats.length / 4);
    expect(nicknames.size).toBeGreaterThan(200);
    expect(texts.some((t) => /[\u4e00-\u9fff]/.test(t))).toBe(true);
    expect(texts.some((t) => /\p{Extended_Pictographic}/u.test(t))).toBe(true);
    expect(texts.some((t) => t.includes('/'))).toBe(true);
    expect(texts.some((t) => t.includes('@S'))).toBe(true);
    expect(texts.some((t) => t === '')).toBe(true);
    expect(chats.some((m) => m.body.includes('/bnn@=/'))).toBe(true);
  });

  it('sizes ranking bodies like the largest real ones (7–10 KB, nested two levels down)', () => {
    const big = messages.filter((m) => m.type === 'ranklist' || m.type === 'fswrank');
    expect(big.length).toBeGreaterThan(5);
    for (const m of big) {
      const bytes = Buffer.byteLength(m.body);
      expect(bytes).toBeGreaterThanOrEqual(7_000);
      expect(bytes).toBeLessThanOrEqual(10_000);
      expect(m.body).toContain('@AA=');
    }
  });

  it('puts type after other keys and repeats rid in category ranks, as real bodies do', () => {
    const rank = messages.find((m) => m.type === 'qausrespond');
    expect(rank?.body.startsWith('type@=')).toBe(false);
    expect(parseStt(rank?.body ?? '').rid).toBe('-1');
  });
});
