import { silentLogger } from '@danmaku/runtime';
import { describe, expect, it } from 'vitest';
import { WriterReadiness } from './writer-readiness.js';

const failing = async (readiness: WriterReadiness) => {
  const names: string[] = [];
  for (const check of readiness.checks()) if (!(await check.ok())) names.push(check.name);
  return names;
};

describe('WriterReadiness', () => {
  it('the database is unreachable until a probe answers, and while a batch fails', async () => {
    let answer = true;
    const readiness = new WriterReadiness({
      ping: () => (answer ? Promise.resolve() : Promise.reject(new Error('ECONNREFUSED'))),
      logger: silentLogger,
    });
    readiness.consuming = true;
    expect(await failing(readiness)).toEqual(['database']);
    await readiness.probe();
    expect(await failing(readiness)).toEqual([]);
    let batches = 1;
    readiness.failingBatches = () => batches;
    expect(await failing(readiness)).toEqual(['database']);
    batches = 0;
    answer = false;
    await readiness.probe();
    expect(await failing(readiness)).toEqual(['database']);
    answer = true;
    await readiness.probe();
    expect(await failing(readiness)).toEqual([]);
  });

  it('a probe without an answer times out and its query is not repeated meanwhile', async () => {
    let queries = 0;
    let answer: () => void = () => undefined;
    const readiness = new WriterReadiness({
      ping: () => {
        queries++;
        return new Promise<void>((resolve) => (answer = resolve));
      },
      logger: silentLogger,
      probeTimeoutMs: 20,
    });
    readiness.consuming = true;
    await readiness.probe();
    await readiness.probe();
    expect(queries).toBe(1);
    expect(await failing(readiness)).toEqual(['database']);
    answer();
    await readiness.probe();
    expect(await failing(readiness)).toEqual([]);
  });

  it('not ready while the source does not run or the group is not joined', async () => {
    const readiness = new WriterReadiness({ ping: () => Promise.resolve(), logger: silentLogger });
    await readiness.probe();
    expect(await failing(readiness)).toEqual(['source']);
    readiness.consuming = true;
    readiness.sourceRunning = () => false;
    readiness.groupMember = () => false;
    expect(await failing(readiness)).toEqual(['source', 'group']);
  });
});
