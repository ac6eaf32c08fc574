import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { templatePath } from './pglite-template.js';

describe('templatePath', () => {
  it('reads an empty cache variable as unset', () => {
    const fallback = join(homedir(), '.cache', 'danmaku');
    expect(templatePath({ DANMAKU_CACHE_DIR: '', XDG_CACHE_HOME: '' }).startsWith(fallback)).toBe(
      true,
    );
    expect(templatePath({ DANMAKU_CACHE_DIR: '/tmp/c' })).toMatch(/^\/tmp\/c\/pglite-.+\.tgz$/);
  });
});
