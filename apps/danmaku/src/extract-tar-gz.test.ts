import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { extractTarGz } from './extract-tar-gz.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'extract-tar-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** One ustar header block for `name` (type '0' file or '5' directory). */
function header(name: string, size: number, type: '0' | '5' | '2'): Buffer {
  const block = Buffer.alloc(512);
  block.write(name, 0);
  block.write('0000644\0', 100);
  block.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  block.write(type, 156);
  block.write('ustar\0', 257);
  return block;
}

const end = Buffer.alloc(1024);

describe('extractTarGz', () => {
  it('extracts what GNU tar archived: nested directories, empty and multi-block files', () => {
    const source = tempDir();
    mkdirSync(join(source, 'base/1'), { recursive: true });
    const big = Buffer.alloc(5000, 7);
    writeFileSync(join(source, 'base/1/2608'), big);
    writeFileSync(join(source, 'PG_VERSION'), '17\n');
    writeFileSync(join(source, 'empty'), '');
    const archive = join(tempDir(), 'a.tgz');
    const tar = spawnSync('tar', ['--format=ustar', '-czf', archive, '-C', source, '.']);
    expect(tar.status, String(tar.stderr)).toBe(0);
    const target = tempDir();
    expect(extractTarGz(readFileSync(archive), target)).toBe(3);
    expect(readFileSync(join(target, 'base/1/2608')).equals(big)).toBe(true);
    expect(readFileSync(join(target, 'PG_VERSION'), 'utf8')).toBe('17\n');
    expect(readFileSync(join(target, 'empty'), 'utf8')).toBe('');
  });

  it('creates the target and the directories an archive does not list', () => {
    const tar = Buffer.concat([header('PG_VERSION', 1, '0'), Buffer.from('7'), Buffer.alloc(511)]);
    const nested = Buffer.concat([header('base/5/1259', 0, '0'), end]);
    const target = join(tempDir(), 'not-yet');
    expect(extractTarGz(gzipSync(Buffer.concat([tar, nested])), target)).toBe(2);
    expect(readFileSync(join(target, 'PG_VERSION'), 'utf8')).toBe('7');
    expect(readFileSync(join(target, 'base/5/1259'), 'utf8')).toBe('');
  });

  it('writes absolute entry names (as PGlite dumps them) inside the target', () => {
    const body = Buffer.from('x');
    const tar = Buffer.concat([
      header('/global/', 0, '5'),
      header('/global/1', 1, '0'),
      body,
      Buffer.alloc(511),
      end,
    ]);
    const target = tempDir();
    expect(extractTarGz(gzipSync(tar), target)).toBe(1);
    expect(readFileSync(join(target, 'global/1'), 'utf8')).toBe('x');
  });

  it('refuses paths that leave the target, links, and truncated archives', () => {
    const target = tempDir();
    const escape = Buffer.concat([header('../outside', 0, '0'), end]);
    expect(() => extractTarGz(gzipSync(escape), target)).toThrow(/leaves the target/);
    const link = Buffer.concat([header('pg_wal', 0, '2'), end]);
    expect(() => extractTarGz(gzipSync(link), target)).toThrow(/unsupported/);
    const truncated = header('big', 4096, '0');
    expect(() => extractTarGz(gzipSync(truncated), target)).toThrow(/truncated|end-of-archive/);
  });
});
