// `pnpm bench:codec`: framing + peekType (the collector's hot path) and framing + parseMessage
// (the writer's), against douyudm 2.0.1, a naive split-based codec and a framing-only ceiling, on
// identical bytes: the real sample mix repeated to >= 10 MiB, fed in 64 KiB chunks.
import { loadavg } from 'node:os';
import { encodeFrame, SERVER_FRAME_TYPE } from '@danmaku/protocol';
import { median, timed } from './lib/measure.js';
import { formatTable, writeResults, type BenchResult } from './lib/results.js';
import { loadSampleBodies } from './lib/samples.js';
import {
  parseSubjects,
  peekSubjects,
  type Input,
  type Outcome,
  type Subject,
} from './codec/subjects.js';

const TARGET_BYTES = 10 * 2 ** 20;
const CHUNK_BYTES = 64 * 2 ** 10;
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

function buildInput(): Input & { bytes: number; bodyBytes: number } {
  const sampleFrames = loadSampleBodies().map((body) => encodeFrame(body, SERVER_FRAME_TYPE));
  const frames: Buffer[] = [];
  let bytes = 0;
  while (bytes < TARGET_BYTES) {
    for (const frame of sampleFrames) {
      frames.push(frame);
      bytes += frame.length;
    }
  }
  const stream = Buffer.concat(frames, bytes);
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes; at += CHUNK_BYTES)
    chunks.push(stream.subarray(at, at + CHUNK_BYTES));
  // douyudm gets views of the same bytes, one whole frame per call.
  const views: Buffer[] = [];
  let at = 0;
  for (const frame of frames) {
    views.push(stream.subarray(at, at + frame.length));
    at += frame.length;
  }
  return { chunks, frames: views, bytes, bodyBytes: bytes - frames.length * 13 };
}

interface CaseSpec {
  name: string;
  unit: string;
  subjects: Record<string, Subject>;
}

const CASES: CaseSpec[] = [
  { name: 'frame+peek', unit: 'frames/s', subjects: peekSubjects },
  { name: 'frame+parse', unit: 'msgs/s', subjects: parseSubjects },
];

function runCase(spec: CaseSpec, input: Input, expected: Outcome): BenchResult[] {
  const cpuRates = new Map<string, number[]>();
  const wallRates = new Map<string, number[]>();
  const subjects = Object.entries(spec.subjects);
  // One warm-up round, then rounds that interleave subjects so drift hits them all alike.
  for (let round = 0; round <= RUNS; round++) {
    for (const [name, subject] of subjects) {
      const { result, seconds, cpuSeconds } = timed(() => subject(input));
      if (result.frames !== expected.frames || result.chats !== expected.chats) {
        throw new Error(
          `${spec.name}/${name} handled ${result.frames} frames (${result.chats} chats), expected ${expected.frames} (${expected.chats})`,
        );
      }
      if (round > 0) {
        cpuRates.set(name, [...(cpuRates.get(name) ?? []), result.frames / cpuSeconds]);
        wallRates.set(name, [...(wallRates.get(name) ?? []), result.frames / seconds]);
      }
    }
  }
  const bytesPerFrame = inputBytes / expected.frames;
  return subjects.flatMap(([name]) => {
    const rate = median(cpuRates.get(name) ?? []);
    const wall = median(wallRates.get(name) ?? []);
    return [
      { case: spec.name, subject: name, value: rate, unit: spec.unit },
      { case: spec.name, subject: name, value: (rate * bytesPerFrame) / 1e6, unit: 'MB/s' },
      { case: spec.name, subject: name, value: wall, unit: `${spec.unit} wall` },
    ];
  });
}

const input = buildInput();
const inputBytes = input.bytes;
const expected: Outcome = { frames: input.frames.length, chats: 0 };
expected.chats = (peekSubjects.danmaku as Subject)(input).chats;

console.log(
  `codec: ${(input.bytes / 2 ** 20).toFixed(1)} MiB, ${input.frames.length} frames ` +
    `(average body ${Math.round(input.bodyBytes / input.frames.length)} bytes), ` +
    `${input.chunks.length} chunks of 64 KiB, ${RUNS} runs per subject, medians`,
);
const loadBefore = loadavg()[0] ?? 0;
const results = CASES.flatMap((spec) => runCase(spec, input, expected));
const load = `load average ${loadBefore.toFixed(1)} before, ${(loadavg()[0] ?? 0).toFixed(1)} after`;
console.log(load);
console.log(formatTable(results));
await writeResults('codec', results, [
  `Input: the ${loadSampleBodies().length} real sample bodies, repeated to ${(input.bytes / 2 ** 20).toFixed(1)} MiB, 64 KiB chunks; medians of ${RUNS} runs.`,
  'douyudm: fed one whole frame per call (it keeps no state between calls); counted frames are those it decoded. frame+parse: Packet.Decode + STT.deserialize, its full decode. frame+peek: it has no peek, so the cheapest way to learn the type with it, Packet.Decode plus a search for the top-level `type@=` in the string it hands over (no deserialize); its framing is given whole frames, ours follows chunks.',
  'naive: Buffer.concat per chunk, toString per body, split("/") + split("@=") + two replace() per piece (peek: split and find the `type@=` item).',
  `Rates are per CPU-second of the benchmark process (process.cpuUsage, GC threads included); "wall" rows use elapsed time. Machine ${load}: other processes share the cores, so compare subjects within one run.`,
  "ceiling: following length fields plus a fixed-position byte compare (frame+peek), or plus a UTF-8 decode of each body (frame+parse); it copies only a frame that spans two chunks, into a buffer of that frame's size. It validates nothing, so it bounds every framer from above.",
]);
