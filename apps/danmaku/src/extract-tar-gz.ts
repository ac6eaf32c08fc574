import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';
import { gunzipSync } from 'node:zlib';

const BLOCK = 512;

/**
 * Extracts a gzipped ustar archive (directories and regular files, as PGlite's dumpDataDir
 * writes them) into `dir`. PGlite's own loadDataDir does the same through its WASM file system,
 * about five times slower: most of a fresh data directory's first start. Any other entry type
 * (links, pax or GNU long names), a path leaving `dir` or a truncated archive throws, and the
 * caller falls back to loadDataDir. Returns the number of files written.
 */
export function extractTarGz(archive: Buffer, dir: string): number {
  const tar = gunzipSync(archive);
  let offset = 0;
  let files = 0;
  // Archives need not list a file's directories before it (or at all).
  const made = new Set<string>();
  const makeDir = (path: string, mode = 0o700) => {
    if (made.has(path)) return;
    mkdirSync(path, { recursive: true, mode });
    made.add(path);
  };
  makeDir(dir);
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) return files;
    const entry = readHeader(header);
    const path = safeJoin(dir, entry.name);
    offset += BLOCK;
    if (entry.type === '5') {
      makeDir(path, entry.mode | 0o700);
    } else if (entry.type === '0' || entry.type === '\0') {
      if (offset + entry.size > tar.length) throw new Error(`tar: ${entry.name} is truncated`);
      makeDir(dirname(path));
      writeFileSync(path, tar.subarray(offset, offset + entry.size), { mode: entry.mode | 0o600 });
      files += 1;
    } else {
      throw new Error(`tar: entry type ${JSON.stringify(entry.type)} (${entry.name}) unsupported`);
    }
    offset += Math.ceil(entry.size / BLOCK) * BLOCK;
  }
  throw new Error('tar: no end-of-archive block');
}

interface TarEntry {
  name: string;
  type: string;
  size: number;
  mode: number;
}

function readHeader(header: Buffer): TarEntry {
  const text = (start: number, length: number) =>
    header
      .subarray(start, start + length)
      .toString('utf8')
      .replace(/\0.*$/s, '');
  const octal = (start: number, length: number) => {
    const value = text(start, length).trim();
    if (!/^[0-7]*$/.test(value)) throw new Error(`tar: bad number field ${JSON.stringify(value)}`);
    return value === '' ? 0 : parseInt(value, 8);
  };
  const prefix = text(345, 155);
  const name = text(0, 100);
  return {
    name: prefix === '' ? name : `${prefix}/${name}`,
    type: String.fromCharCode(header[156] ?? 0),
    size: octal(124, 12),
    mode: octal(100, 8) & 0o777,
  };
}

/** `dir` + the entry's path (PGlite writes them absolute, `/base/1/…`), never outside `dir`. */
function safeJoin(dir: string, name: string): string {
  const relative = normalize(name.replace(/^\/+/, ''));
  if (relative === '..' || relative.startsWith(`..${sep}`) || relative.includes(`${sep}..${sep}`)) {
    throw new Error(`tar: ${name} leaves the target directory`);
  }
  return join(dir, relative);
}
