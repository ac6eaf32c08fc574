// Prints the top functions by self time of a V8 .cpuprofile (from `node --cpu-prof`); given a
// folder, of its busiest thread's profile:
//   node --import tsx bench/harness/profile-top.ts <file.cpuprofile | folder> [topN]
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  where: string;
  ms: number;
  share: number;
}

/** Self time per function (summed over every node with the same name and location). */
export function topSelfTime(profile: CpuProfile, top = 15): SelfTime[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const totals = new Map<string, SelfTime>();
  let all = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)?.callFrame;
    if (frame === undefined) continue;
    all += us;
    const name = frame.functionName || '(anonymous)';
    const where = frame.url === '' ? '' : `${shortUrl(frame.url)}:${frame.lineNumber + 1}`;
    const key = `${name} ${where}`;
    const entry = totals.get(key) ?? { name, where, ms: 0, share: 0 };
    entry.ms += us / 1000;
    totals.set(key, entry);
  }
  const sorted = [...totals.values()].sort((a, b) => b.ms - a.ms).slice(0, top);
  for (const entry of sorted) entry.share = all > 0 ? entry.ms / (all / 1000) : 0;
  return sorted;
}

/**
 * The profile of the busiest thread in a file or folder: `--cpu-prof` writes one file per thread,
 * and tsx's loader runs in a worker thread that is idle most of the time.
 */
export function readBusiestProfile(path: string): CpuProfile {
  const files = statSync(path).isDirectory()
    ? readdirSync(path)
        .filter((f) => f.endsWith('.cpuprofile'))
        .map((f) => join(path, f))
    : [path];
  const profiles = files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as CpuProfile);
  const busy = (p: CpuProfile) => {
    const idle = new Set(
      p.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id),
    );
    return p.samples.reduce((sum, id, i) => sum + (idle.has(id) ? 0 : (p.timeDeltas[i] ?? 0)), 0);
  };
  const best = profiles.sort((a, b) => busy(b) - busy(a))[0];
  if (best === undefined) throw new Error(`no .cpuprofile in ${path}`);
  return best;
}

function shortUrl(url: string): string {
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  const pnpm = path.lastIndexOf('/node_modules/');
  if (pnpm >= 0) return path.slice(pnpm + '/node_modules/'.length);
  const repo = path.indexOf('/main/');
  return repo >= 0 ? path.slice(repo + '/main/'.length) : path;
}

export function formatTop(entries: SelfTime[]): string {
  return entries
    .map(
      (e) =>
        `${(e.share * 100).toFixed(1).padStart(5)}% ${e.ms.toFixed(0).padStart(7)} ms  ${e.name}  ${e.where}`,
    )
    .join('\n');
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [path, top] = process.argv.slice(2);
  if (path === undefined)
    throw new Error('usage: profile-top.ts <file.cpuprofile | folder> [topN]');
  const profile = readBusiestProfile(path);
  console.log(formatTop(topSelfTime(profile, Number(top ?? 20))));
}
