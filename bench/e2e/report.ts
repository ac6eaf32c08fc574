import { cpus } from 'node:os';
import type { BenchResult } from '../lib/results.js';
import type { StepResult } from './run-step.js';

/** The latency bound of a sustained step (the e2e target's p99). */
export const SUSTAINED_P99_MS = 2_000;

/**
 * Sustained: the rate really delivered, lag bounded (not growing, under 2 s of messages), p99
 * latency within 2 s over measured messages, and not one record dropped by the collector.
 */
export function stepPassed(step: StepResult): boolean {
  return (
    lagBounded(step) &&
    step.receivedPerSec >= 0.95 * step.rate &&
    step.latency.count > 0 &&
    step.latency.p99Ms <= SUSTAINED_P99_MS &&
    step.dropped === 0
  );
}

export function lagBounded(step: StepResult): boolean {
  return step.lagSlopePerSec <= 0.03 * step.rate && step.lagAtEnd <= 2 * step.rate;
}

export function describeStep(s: StepResult): string {
  const perMessage = cpuPerMessage(s);
  const cpu = Object.entries(s.usage)
    .map(
      ([name, u]) =>
        `${name} ${u.cores.toFixed(2)} (${(perMessage[name] ?? 0).toFixed(0)} µs/msg, waiting ${u.waitingCores.toFixed(2)})`,
    )
    .join(', ');
  return (
    `${s.rate} msgs/s offered (${s.roomsJoined} rooms joined): received ${Math.round(s.receivedPerSec)}/s, committed ` +
    `${Math.round(s.committedPerSec)}/s, lag slope ${Math.round(s.lagSlopePerSec)}/s, lag at end ` +
    `${s.lagAtEnd}, latency p50 ${s.latency.p50Ms.toFixed(0)} ms p99 ${s.latency.p99Ms.toFixed(0)} ms ` +
    `(${s.latency.count}), dropped ${s.dropped}, writer ${s.writerBatches.perSec.toFixed(1)} tx/s × ` +
    `${s.writerBatches.meanRecords.toFixed(0)} records, ${s.writerBatches.meanWriteMs.toFixed(0)} ms each, ${s.writerBatches.retries} retried, ` +
    `SELECT 1 ${s.pgRttMs.toFixed(1)} ms → ${stepPassed(s) ? 'sustained' : 'NOT sustained'}; cores: ${cpu}`
  );
}

/** CPU µs per message of each process (the writer and PostgreSQL per committed message). */
export function cpuPerMessage(s: StepResult): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, u] of Object.entries(s.usage)) {
    const rate = name === 'writer' || name === 'postgres' ? s.committedPerSec : s.receivedPerSec;
    if (rate > 0) out[name] = (u.cores * 1e6) / rate;
  }
  return out;
}

/** msgs/s this machine's cores could carry at a step's CPU cost per message. */
export function cpuCeiling(s: StepResult, withSimulator: boolean): number {
  const perMessage = Object.entries(cpuPerMessage(s))
    .filter(([name]) => withSimulator || name !== 'simulator')
    .reduce((sum, [, us]) => sum + us, 0);
  return perMessage > 0 ? (cpus().length * 1e6) / perMessage : 0;
}

/** Throughput, latency and per-process CPU/RSS of one step; `targets` adds the goal rows. */
function stepRows(
  label: string,
  s: StepResult,
  targets: { rate?: number; p99Ms?: number },
): BenchResult[] {
  const row = (what: string, subject: string, value: number, unit: string): BenchResult => ({
    case: `${label}: ${what}`,
    subject,
    value,
    unit,
  });
  const rows: BenchResult[] = [
    row('committed', 'danmaku', s.committedPerSec, 'msgs/s'),
    row('committed', 'CPU ceiling', cpuCeiling(s, true), 'msgs/s'),
    row('committed', 'CPU ceiling w/o simulator', cpuCeiling(s, false), 'msgs/s'),
    row('latency p50', 'danmaku', s.latency.p50Ms, 'ms'),
    row('latency p99', 'danmaku', s.latency.p99Ms, 'ms'),
    row('writer batch', 'danmaku', s.writerBatches.meanRecords, 'records'),
    row('writer transaction', 'danmaku', s.writerBatches.meanWriteMs, 'ms'),
    row('SELECT 1 round trip', 'danmaku', s.pgRttMs, 'ms'),
  ];
  if (targets.rate !== undefined) rows.push(row('committed', 'target', targets.rate, 'msgs/s'));
  if (targets.p99Ms !== undefined) rows.push(row('latency p99', 'target', targets.p99Ms, 'ms'));
  const perMessage = cpuPerMessage(s);
  for (const [process, u] of Object.entries(s.usage)) {
    rows.push(
      row('CPU', process, u.cores * 100, '% of a core'),
      row('CPU per message', process, perMessage[process] ?? 0, 'µs'),
      row('waiting for a core', process, u.waitingCores * 100, '% of wall time'),
      row('RSS', process, (process === 'postgres' ? u.anonBytes : u.rssBytes) / 2 ** 20, 'MB'),
    );
  }
  return rows;
}

/** Rows for the 5,000 msgs/s step, the highest sustained step, and a summary of every step. */
export function stepResults(steps: readonly StepResult[]): BenchResult[] {
  const results: BenchResult[] = [];
  const at5k = steps.find((s) => s.rate === 5000);
  if (at5k !== undefined) results.push(...stepRows('5,000 msgs/s', at5k, { p99Ms: 500 }));
  const sustained = steps.filter(stepPassed).sort((a, b) => b.rate - a.rate)[0];
  if (sustained !== undefined) {
    const label = `max sustained (${sustained.rate.toLocaleString('en-US')} offered)`;
    results.push(...stepRows(label, sustained, { rate: 30_000, p99Ms: SUSTAINED_P99_MS }));
  } else {
    results.push({
      case: 'max sustained: committed',
      subject: 'danmaku',
      value: 0,
      unit: 'msgs/s',
    });
  }
  for (const s of steps) {
    const label = `step ${s.rate.toLocaleString('en-US')}${stepPassed(s) ? '' : ' (not sustained)'}`;
    results.push(
      { case: `${label}: received`, subject: 'danmaku', value: s.receivedPerSec, unit: 'msgs/s' },
      { case: `${label}: committed`, subject: 'danmaku', value: s.committedPerSec, unit: 'msgs/s' },
      {
        case: `${label}: lag growth`,
        subject: 'danmaku',
        value: s.lagSlopePerSec,
        unit: 'msgs/s²',
      },
      { case: `${label}: latency p99`, subject: 'danmaku', value: s.latency.p99Ms, unit: 'ms' },
    );
  }
  return results;
}
