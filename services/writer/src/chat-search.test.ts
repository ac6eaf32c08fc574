import { describe, expect, it } from 'vitest';
import { chatSearchStatement, escapeLike } from './chat-search.js';

describe('the chat search statement', () => {
  it('escapes the LIKE wildcards and the escape character', () => {
    expect(escapeLike('100%_a\\b')).toBe('100\\%\\_a\\\\b');
  });

  it('binds every value; the text is a pattern, never SQL', () => {
    const statement = chatSearchStatement({
      text: "it's 50%",
      roomId: 7,
      uid: '9',
      fromMs: Date.parse('2026-05-01T00:00:00Z'),
      toMs: Date.parse('2026-05-02T00:00:00Z'),
      limit: 5,
    });
    expect(statement.text).toBe(
      'SELECT received_at, room_id, uid, nickname, text FROM chat_messages\n' +
        'WHERE text ILIKE $1 AND room_id = $2 AND uid = $3::bigint AND received_at >= $4 ' +
        'AND received_at < $5\nORDER BY received_at DESC LIMIT $6',
    );
    expect(statement.values).toEqual([
      "%it's 50\\%%",
      7,
      '9',
      '2026-05-01T00:00:00.000Z',
      '2026-05-02T00:00:00.000Z',
      5,
    ]);
  });
});
