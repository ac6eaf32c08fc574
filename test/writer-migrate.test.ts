import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { migrationCount } from '@danmaku/writer';
import { expect, it } from 'vitest';
import { describeWithServices, freshDatabase, withPg } from './support/index.js';

const childEntry = fileURLToPath(new URL('./writer-child.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

function migrateInChild(url: string): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--conditions=@danmaku/source', '--import', 'tsx', childEntry, 'migrate'],
      {
        cwd: repoRoot,
        env: { ...process.env, DATABASE_URL: url },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => resolve({ code, out, err }));
  });
}

describeWithServices(['postgres'], 'writer migrations', () => {
  it('three processes migrating one empty database apply each migration exactly once', async () => {
    const url = await freshDatabase('wmigr');
    const runs = await Promise.all([migrateInChild(url), migrateInChild(url), migrateInChild(url)]);
    for (const run of runs) expect(run, run.err).toMatchObject({ code: 0 });
    const results = runs.map((run) => JSON.parse(run.out) as { applied: number; total: number });
    const all = migrationCount();
    expect(results.map((r) => r.total)).toEqual([all, all, all]);
    expect(results.map((r) => r.applied).sort()).toEqual([0, 0, all]);
    await withPg(url, async (c) => {
      const applied = await c.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations',
      );
      expect(applied.rows[0]?.n).toBe(all);
      const partitioned = await c.query<{ relname: string }>(
        `SELECT relname FROM pg_class WHERE relkind = 'p' ORDER BY relname`,
      );
      expect(partitioned.rows.map((r) => r.relname)).toEqual([
        'chat_messages',
        'gifts',
        'room_events',
        'user_entries',
      ]);
    });
  });
});
