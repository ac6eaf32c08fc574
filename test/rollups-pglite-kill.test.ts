// The rollups after kill -9 on PGlite: a child process writes a raw stream into a PGlite data
// directory through the writer's exactly-once step and is killed at random moments; restarted from
// the stored offset it finishes the stream. Every row is there once and the rollups equal a
// recount of the rows.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createPglite, pgliteClient } from '@danmaku/writer';
import { checkRollups, noMismatches } from './rollup-recount.js';

const TOTAL = 6000;
const KILLS = 3;
const childEntry = fileURLToPath(new URL('./rollups-pglite-child.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** Runs the child until it has committed `killAt` (then SIGKILL) or finished; returns its output. */
async function runChild(dataDir: string, killAt: number | undefined): Promise<string> {
  const child = spawn(
    process.execPath,
    ['--conditions=@danmaku/source', '--import', 'tsx', childEntry, dataDir, String(TOTAL)],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    const committed = [...out.matchAll(/committed (\d+)/g)].at(-1)?.[1];
    if (killAt !== undefined && Number(committed) >= killAt) {
      // A random moment inside the next transaction or between two.
      setTimeout(() => child.kill('SIGKILL'), Math.random() * 40);
    }
  });
  await new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return out;
}

describe('rollups after kill -9 on PGlite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'danmaku-rollups-kill-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`are exact after ${KILLS} kills and a restart that finishes the stream`, async () => {
    const dataDir = join(dir, 'data');
    for (let kill = 1; kill <= KILLS; kill++) {
      const target = Math.floor((TOTAL / (KILLS + 1)) * (kill - 1 + Math.random()));
      const out = await runChild(dataDir, Math.max(1, target));
      expect(out, out).not.toContain('done');
    }
    const last = await runChild(dataDir, undefined);
    expect(last, last).toContain('done');

    const db = pgliteClient(await createPglite(dataDir));
    try {
      const rows = async <Row>(sql: string) => (await db.query<Row>(sql)).rows;
      const [counts] = await rows<Record<string, number>>(`SELECT
        (SELECT count(*)::int FROM chat_messages) AS chat,
        (SELECT count(*)::int FROM gifts) AS gifts,
        (SELECT count(*)::int FROM user_entries) AS entries`);
      const kinds = { chat: 0, gifts: 0, entries: 0 };
      for (let o = 0; o < TOTAL; o++) {
        const kind = o % 20;
        kinds[kind < 14 ? 'chat' : kind < 17 ? 'gifts' : 'entries']++;
      }
      expect(counts).toEqual(kinds);
      const check = await checkRollups(rows);
      expect(check.mismatches).toEqual(noMismatches);
      expect(check.rows.room_daily_counts).toBe(9); // 3 rooms × (1 UTC day + 2 China days)
    } finally {
      await db.close();
    }
  }, 240_000);
});
