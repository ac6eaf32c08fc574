import { describe, expect, it } from 'vitest';
import { withDefaultUser } from './default-user.js';

const os = () => 'danmaku';

describe('withDefaultUser', () => {
  it('adds the OS user when the URL, PGUSER and USER name none', () => {
    expect(withDefaultUser('postgres://db:5432/danmaku', {}, os)).toBe(
      'postgres://db:5432/danmaku?user=danmaku',
    );
    expect(withDefaultUser('postgresql://db/danmaku?sslmode=require', { USER: '' }, os)).toBe(
      'postgresql://db/danmaku?sslmode=require&user=danmaku',
    );
  });

  it('leaves a URL alone that names its user, or when PGUSER or USER will', () => {
    for (const [url, env] of [
      ['postgres://alice@db/danmaku', {}],
      ['postgres://db/danmaku?user=bob', {}],
      ['postgres://db/danmaku', { PGUSER: 'carol' }],
      ['postgres://db/danmaku', { USER: 'dave' }],
    ] as const) {
      expect(withDefaultUser(url, env, os), url).toBe(url);
    }
  });

  it('gives up quietly when there is no OS user to name', () => {
    const none = () => {
      throw new Error('ENOENT');
    };
    expect(withDefaultUser('postgres://db/danmaku', {}, none)).toBe('postgres://db/danmaku');
  });

  it('reads the real OS user by default', () => {
    expect(withDefaultUser('postgres://db/x', {})).toMatch(/^postgres:\/\/db\/x\?user=.+/);
  });
});
