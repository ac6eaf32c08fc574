import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openWriterDatabase, templatePath } from './pglite-template.js';

describe('templatePath', () => {
  it('reads an empty cache variable as unset', () => {
    const fallback = join(homedir(), '.cache', 'danmaku');
    expect(templatePath({ DANMAKU_CACHE_DIR: '', XDG_CACHE_HOME: '' }).startsWith(fallback)).toBe(
      true,
    );
    expect(templatePath({ DANMAKU_CACHE_DIR: '/tmp/c' })).toMatch(/^\/tmp\/c\/pglite-.+\.tgz$/);
  });
});

describe('openWriterDatabase on a fresh data dir', () => {
  it('restores the template without the lock of the process that wrote it', async () => {
    const root = mkdtempSync(join(tmpdir(), 'danmaku-template-'));
    const env = { DANMAKU_CACHE_DIR: join(root, 'cache') };
    try {
      // The first directory is initialised (initdb) while locked, and its dump becomes the template.
      const first = join(root, 'first');
      mkdirSync(first);
      writeFileSync(join(first, 'danmaku.pid'), '999999');
      const made = await openWriterDatabase({ dataDir: first, dbPoolSize: 1 }, env);
      expect(made.origin).toBe('initdb');
      await made.database.client.close();
      // The second is restored from it, under its own lock.
      const second = join(root, 'second');
      mkdirSync(second);
      writeFileSync(join(second, 'danmaku.pid'), '12345');
      const restored = await openWriterDatabase({ dataDir: second, dbPoolSize: 1 }, env);
      expect(restored.origin).toBe('template');
      await restored.database.client.close();
      expect(readFileSync(join(second, 'danmaku.pid'), 'utf8')).toBe('12345');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 60_000);
});
