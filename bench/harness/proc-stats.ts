import { readFileSync, readdirSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ; 100 on every Linux we run on). */
const TICKS_PER_SECOND = 100;

export interface ProcSample {
  atMs: number;
  /** user + system CPU seconds since the process started (all its threads). */
  cpuSeconds: number;
  rssBytes: number;
  /** Private (anonymous) resident memory: RSS without shared memory and mapped files. */
  anonBytes: number;
  /** Seconds its threads spent runnable but waiting for a core (schedstat, all threads). */
  waitSeconds: number;
}

/** One reading of /proc/<pid>/stat and /proc/<pid>/status; undefined once the process is gone. */
export function readProc(pid: number): ProcSample | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2 (comm) may hold spaces; the fields we want come after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14, 15)
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) =>
      1024 * Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
    return {
      atMs: performance.now(),
      cpuSeconds: ticks / TICKS_PER_SECOND,
      rssBytes: kb('VmRSS'),
      anonBytes: kb('RssAnon'),
      waitSeconds: runQueueWait(pid),
    };
  } catch {
    return undefined;
  }
}

/** Sum over the process's threads of the time spent waiting on a run queue. */
function runQueueWait(pid: number): number {
  let ns = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[1] ?? 0);
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return ns / 1e9;
}

export interface ProcUsage {
  /** CPU used between the two readings, as a share of one core (1 = one core busy). */
  cores: number;
  /** Largest RSS seen by the sampler, bytes. */
  peakRssBytes: number;
  /** RSS at the last reading, bytes. */
  rssBytes: number;
  /** Private resident memory at the last reading, bytes. */
  anonBytes: number;
  /** Time runnable but waiting for a core, per second of the window (cores' worth of waiting). */
  waitingCores: number;
}

/** Samples a set of processes every `everyMs` until stop(); returns usage over the window. */
export class ProcSampler {
  readonly #pids: Map<string, number>;
  readonly #first = new Map<string, ProcSample>();
  readonly #last = new Map<string, ProcSample>();
  readonly #peak = new Map<string, number>();
  readonly #timer: NodeJS.Timeout;

  constructor(pids: Record<string, number>, everyMs = 500) {
    this.#pids = new Map(Object.entries(pids));
    this.#sample();
    this.#timer = setInterval(() => this.#sample(), everyMs);
  }

  stop(): Record<string, ProcUsage> {
    clearInterval(this.#timer);
    this.#sample();
    const usage: Record<string, ProcUsage> = {};
    for (const name of this.#pids.keys()) {
      const first = this.#first.get(name);
      const last = this.#last.get(name);
      if (first === undefined || last === undefined) continue;
      const seconds = (last.atMs - first.atMs) / 1000;
      usage[name] = {
        cores: seconds > 0 ? (last.cpuSeconds - first.cpuSeconds) / seconds : 0,
        waitingCores: seconds > 0 ? (last.waitSeconds - first.waitSeconds) / seconds : 0,
        peakRssBytes: this.#peak.get(name) ?? last.rssBytes,
        rssBytes: last.rssBytes,
        anonBytes: last.anonBytes,
      };
    }
    return usage;
  }

  #sample(): void {
    for (const [name, pid] of this.#pids) {
      const sample = readProc(pid);
      if (sample === undefined) continue;
      if (!this.#first.has(name)) this.#first.set(name, sample);
      this.#last.set(name, sample);
      this.#peak.set(name, Math.max(this.#peak.get(name) ?? 0, sample.rssBytes));
    }
  }
}

/** Soft "Max open files" of a running process (from /proc/<pid>/limits). */
export function readFdLimit(pid: number): number {
  const limits = readFileSync(`/proc/${pid}/limits`, 'utf8');
  return Number(/^Max open files\s+(\d+)/m.exec(limits)?.[1] ?? 0);
}
