import { describe, expect, it } from 'vitest';
import { kafkaLogCreator } from './kafka-log-creator.js';
import { createLogger } from './logger.js';

function capture(options: Parameters<typeof createLogger>[0] = {}) {
  const lines: string[] = [];
  const logger = createLogger({
    pretty: false,
    ...options,
    write: (line) => void lines.push(line),
  });
  const entries = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines, entries };
}

describe('createLogger', () => {
  it('writes one JSON object per line: level label, ISO time, fields, msg', () => {
    const { logger, lines, entries } = capture({ fields: { name: 'writer' } });
    logger.child({ room: 1 }).info('joined', { attempt: 2 });
    expect(lines[0]?.endsWith('\n')).toBe(true);
    expect(entries()[0]).toEqual({
      level: 'info',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) as unknown,
      name: 'writer',
      room: 1,
      attempt: 2,
      msg: 'joined',
    });
  });

  it('honours the level, silent included', () => {
    const warn = capture({ level: 'warn' });
    warn.logger.info('hidden');
    warn.logger.debug('hidden');
    warn.logger.warn('shown');
    warn.logger.error('shown too');
    expect(warn.entries().map((e) => e['level'])).toEqual(['warn', 'error']);
    const silent = capture({ level: 'silent' });
    silent.logger.error('nothing');
    expect(silent.lines).toEqual([]);
  });

  it('logs errors as name and message', () => {
    const { logger, entries } = capture();
    logger.error('send failed', { error: new TypeError('boom') });
    expect(entries()[0]?.['error']).toEqual({ name: 'TypeError', message: 'boom' });
  });

  it('renders human lines on a terminal, clearing a status line first', () => {
    const { logger, lines } = capture({ pretty: true });
    logger.warn('kafka down', { error: new Error('refused'), room: 7, note: 'two words' });
    const clear = '\r\u001b[2K';
    expect(lines[0]?.startsWith(clear)).toBe(true);
    expect(lines[0]?.slice(clear.length)).toMatch(
      /^\d\d:\d\d:\d\d warn {2}kafka down error="refused" room=7 note="two words"\n$/,
    );
  });
});

describe('kafkaLogCreator', () => {
  it('routes kafkajs entries by level, quiet ones at debug', () => {
    const { logger, entries } = capture({ level: 'debug' });
    const log = kafkaLogCreator(logger, { quiet: (m) => m.startsWith('Limiting') })(2);
    log({ namespace: 'Producer', level: 1, log: { message: 'broken', broker: 'a:1' } });
    log({ namespace: 'Producer', level: 2, log: { message: 'Limiting retries' } });
    log({ namespace: 'Consumer', level: 2, log: { message: 'slow' } });
    expect(entries().map((e) => [e['level'], e['msg'], e['namespace']])).toEqual([
      ['error', 'broken', 'Producer'],
      ['debug', 'Limiting retries', 'Producer'],
      ['warn', 'slow', 'Consumer'],
    ]);
    expect(entries()[0]?.['broker']).toBe('a:1');
  });
});
