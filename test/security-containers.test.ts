// Security: our containers run as non-root. Static checks (there is no Docker engine here): the
// final stage of every Dockerfile in the repository switches to a non-root USER, and no service in
// docker-compose.yml overrides that with `user: root`.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('..', import.meta.url));
const SKIP = new Set(['node_modules', '.git', '.kafka', 'data', '.tsbuild']);

function findDockerfiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findDockerfiles(path));
    else if (/^Dockerfile(\..+)?$|\.Dockerfile$/.test(entry.name)) found.push(path);
  }
  return found;
}

/** Instructions with continuation lines joined and comments dropped. */
function instructions(text: string): string[] {
  return text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** The USER in effect at the end of the final stage, or undefined when none is set there. */
function finalStageUser(text: string): string | undefined {
  let user: string | undefined;
  for (const line of instructions(text)) {
    const [keyword = '', ...rest] = line.split(/\s+/);
    if (/^FROM$/i.test(keyword)) user = undefined;
    else if (/^USER$/i.test(keyword)) user = rest.join(' ');
  }
  return user;
}

const isRoot = (user: string): boolean => /^(root|0)(:.*)?$/.test(user.trim());

describe('security: containers run as non-root', () => {
  const dockerfiles = findDockerfiles(root);

  it('the repository ships at least one Dockerfile', () => {
    expect(
      dockerfiles.map((f) => relative(root, f)),
      'no Dockerfile found',
    ).not.toEqual([]);
  });

  it.each(dockerfiles.map((f) => [relative(root, f), f]))(
    '%s: the final stage sets a non-root USER',
    (_name, path) => {
      const user = finalStageUser(readFileSync(path, 'utf8'));
      expect(user, 'no USER in the final stage (it would run as root)').toBeDefined();
      expect(isRoot(user ?? ''), `USER ${user}`).toBe(false);
    },
  );

  it('docker-compose.yml neither runs a service as root nor builds from a missing Dockerfile', () => {
    const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), {
      merge: true,
    }) as {
      services?: Record<
        string,
        { user?: string | number; build?: string | { context?: string; dockerfile?: string } }
      >;
    };
    let built = 0;
    for (const [name, service] of Object.entries(compose.services ?? {})) {
      if (service.user !== undefined)
        expect(isRoot(String(service.user)), `${name} user`).toBe(false);
      if (service.build === undefined) continue;
      built += 1;
      const context =
        typeof service.build === 'string' ? service.build : (service.build.context ?? '.');
      const file =
        typeof service.build === 'string'
          ? 'Dockerfile'
          : (service.build.dockerfile ?? 'Dockerfile');
      const path = join(root, context, file);
      expect(dockerfiles, `${name} builds from ${relative(root, path)}`).toContain(path);
    }
    // The stack's own services (collector, writer, ...) are built from our Dockerfile.
    expect(built).toBeGreaterThan(0);
  });

  it('recognises root and non-root final stages (checker self-test)', () => {
    expect(finalStageUser('FROM a AS build\nUSER node\nFROM b\nRUN x')).toBeUndefined();
    expect(finalStageUser('FROM a\nUSER node\nRUN \\\n  y\nUSER 0:0')).toBe('0:0');
    expect(finalStageUser('FROM a\n# USER root\nUSER 1000:1000')).toBe('1000:1000');
    expect(isRoot('root')).toBe(true);
    expect(isRoot('node')).toBe(false);
  });
});
