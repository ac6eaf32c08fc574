import { describe, expect, it } from 'vitest';
import { parseExportFlags, parseTime, timeColumnOf } from './export-request.js';

const parse = (flags: Parameters<typeof parseExportFlags>[0]) => {
  const problems: string[] = [];
  return { request: parseExportFlags(flags, problems), problems };
};

describe('danmaku export flags', () => {
  it('takes a table, a format, an output and the filters', () => {
    const { request, problems } = parse({
      table: 'chat_messages',
      format: 'parquet',
      output: 'chat.parquet',
      room: '9999',
      from: '2026-05-01',
      to: '2026-05-01T20:00+08:00',
    });
    expect(problems).toEqual([]);
    expect(request).toEqual({
      table: 'chat_messages',
      format: 'parquet',
      output: 'chat.parquet',
      force: false,
      batchRows: 10_000,
      roomId: 9999,
      from: '2026-05-01T00:00Z',
      to: '2026-05-01T20:00+08:00',
      timeColumn: 'received_at',
    });
  });

  it('lists every problem at once', () => {
    const { request, problems } = parse({
      table: 'chats',
      format: 'xlsx',
      room: '12a',
      from: 'yesterday',
      to: '2026-13-01',
      batchRows: '0',
    });
    expect(request).toBeUndefined();
    expect(problems).toHaveLength(7);
    expect(problems[0]).toContain('no table or view "chats"; there are: chat_messages, gifts');
    expect(problems.join('\n')).toMatch(/--format: "xlsx"[\s\S]*-o\/--output is required/);
  });

  it('refuses filters the relation has no column for, and Parquet on stdout', () => {
    const { problems } = parse({
      table: 'ingest_offsets',
      format: 'parquet',
      output: '-',
      room: '1',
    });
    expect(problems).toEqual([
      '-o -: Parquet is written to a file (its footer comes last); give a path',
      '--room: ingest_offsets has no room_id column',
    ]);
    expect(
      parse({
        table: 'chat_messages',
        format: 'csv',
        output: '-',
        from: '2026-05-02',
        to: '2026-05-01',
      }).problems,
    ).toEqual(['--from 2026-05-02 is not before --to 2026-05-01']);
  });

  it('reads ISO 8601 as UTC unless it names an offset', () => {
    const problems: string[] = [];
    expect(parseTime('--from', '2026-05-01 08:30:15.123456', problems)).toBe(
      '2026-05-01T08:30:15.123456Z',
    );
    expect(parseTime('--from', '2026-05-01T08:00+0800', problems)).toBe('2026-05-01T08:00+08:00');
    expect(parseTime('--from', '2026-05-01T08:00-05', problems)).toBe('2026-05-01T08:00-05:00');
    expect(problems).toEqual([]);
    expect(parseTime('--to', '05/01/2026', problems)).toBeUndefined();
    expect(problems).toHaveLength(1);
  });

  it('filters each relation on the time its rows are about', () => {
    expect(timeColumnOf('gifts')).toBe('received_at');
    expect(timeColumnOf('collect_sessions')).toBe('connecting_at');
    expect(timeColumnOf('chat_per_minute')).toBe('minute');
    expect(timeColumnOf('top_chatters_daily')).toBe('day');
    expect(timeColumnOf('coverage_gaps')).toBe('gap_start');
  });
});
