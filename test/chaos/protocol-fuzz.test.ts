// Fuzzing: FrameDecoder and parseMessage take FUZZ_ITERATIONS random and mutated inputs (CI 1M,
// full 10M) built from the real captured bodies. Every input is derived from (seed, index), so a
// failure prints the one command line that replays it.
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { ProtocolErrorCode } from '@danmaku/protocol';
import { describe, expect, it } from 'vitest';
import { FuzzFailure, seenCodes } from './fuzz/fuzz-checks.js';
import { inputRng, runInput, type Kind } from './fuzz/fuzz-input.js';
import { sized } from './support/profile.js';
import { runSeed } from './support/seeded-random.js';

const ITERATIONS = sized('FUZZ_ITERATIONS', 1_000_000, 10_000_000);
const FIRST = sized('FUZZ_FROM', 0, 0);
const BUDGET_MS = sized('FUZZ_BUDGET_MS', 100_000, 1_800_000);
/** One input taking longer than this, even when re-run, is a hang. */
const MAX_INPUT_MS = sized('FUZZ_MAX_INPUT_MS', 500, 500);
const MAX_HEAP_GROWTH_BYTES = 48 * 1024 * 1024;

function timeInput(seed: number, index: number): number {
  const started = performance.now();
  runInput(inputRng(seed, index));
  return performance.now() - started;
}

function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

function heapAfterGc(gc: () => void): number {
  gc();
  return process.memoryUsage().heapUsed;
}

describe(`protocol fuzzing (${ITERATIONS.toLocaleString('en')} inputs)`, () => {
  it(
    'FrameDecoder and parseMessage: only ProtocolError, agreement with a reference decoder, no hang, bounded memory',
    async () => {
      const seed = runSeed('FUZZ_SEED');
      const replay = (i: number) =>
        `FUZZ_SEED=${seed} FUZZ_FROM=${i} FUZZ_ITERATIONS=1 pnpm exec vitest run --project chaos test/chaos/protocol-fuzz.test.ts`;
      console.log(`fuzz seed ${seed}: ${ITERATIONS} inputs from ${FIRST} (FUZZ_SEED to replay)`);
      const gc = exposeGc();
      const counts = new Map<Kind, number>();
      const started = performance.now();
      let baseline = 0;
      let peakGrowth = 0;
      let slowest = { ms: 0, index: -1 };
      for (let i = FIRST; i < FIRST + ITERATIONS; i++) {
        const t0 = performance.now();
        let kind: Kind;
        try {
          kind = runInput(inputRng(seed, i));
        } catch (error) {
          const what = error instanceof FuzzFailure ? 'invariant broken' : 'unexpected exception';
          throw new Error(`fuzz input ${i}: ${what}: ${String(error)}\nreplay: ${replay(i)}`, {
            cause: error,
          });
        }
        const ms = performance.now() - t0;
        if (ms > slowest.ms) slowest = { ms, index: i };
        counts.set(kind, (counts.get(kind) ?? 0) + 1);
        if ((i - FIRST) % 20_000 === 19_999) {
          await yieldToLoop(); // let vitest's worker talk to the main process
          if (performance.now() - started > BUDGET_MS) {
            throw new Error(`over the ${BUDGET_MS} ms budget after ${i - FIRST + 1} inputs`);
          }
        }
        if ((i - FIRST) % 250_000 === 1_000) {
          const heap = heapAfterGc(gc);
          if (baseline === 0) baseline = heap;
          peakGrowth = Math.max(peakGrowth, heap - baseline);
        }
      }
      const elapsedMs = performance.now() - started;
      // A slow input is re-run alone: a GC pause or a busy machine is not a hang.
      const rerunMs =
        slowest.index < 0 ? 0 : Math.min(...[0, 1, 2].map(() => timeInput(seed, slowest.index)));
      const finalGrowth = heapAfterGc(gc) - baseline;
      console.log(
        `fuzz: ${ITERATIONS} inputs in ${(elapsedMs / 1000).toFixed(1)} s ` +
          `(${Math.round(ITERATIONS / (elapsedMs / 1000))}/s); kinds ${JSON.stringify(Object.fromEntries(counts))}; ` +
          `protocol errors ${JSON.stringify(Object.fromEntries(seenCodes))}; slowest input ${slowest.index} ` +
          `${slowest.ms.toFixed(1)} ms (re-run ${rerunMs.toFixed(2)} ms); heap growth peak ` +
          `${(peakGrowth / 1048576).toFixed(1)} MiB, end ${(finalGrowth / 1048576).toFixed(1)} MiB`,
      );
      expect(rerunMs, `input ${slowest.index} is slow: ${replay(slowest.index)}`).toBeLessThan(
        MAX_INPUT_MS,
      );
      expect(elapsedMs).toBeLessThan(BUDGET_MS);
      expect(Math.max(peakGrowth, finalGrowth)).toBeLessThan(MAX_HEAP_GROWTH_BYTES);
      if (ITERATIONS >= 100_000) {
        // The inputs reach every way a stream can be refused, so the checks above were exercised.
        const codes: ProtocolErrorCode[] = [
          'FRAME_TOO_SHORT',
          'FRAME_TOO_LARGE',
          'LENGTH_MISMATCH',
          'UNKNOWN_FRAME_TYPE',
          'MISSING_TERMINATOR',
          'DECODER_BROKEN',
        ];
        for (const code of codes) expect(seenCodes.get(code) ?? 0, code).toBeGreaterThan(0);
      }
    },
    BUDGET_MS + 60_000,
  );
});
