import { loadCollectorConfig, startCollector, type Collector } from '@danmaku/collector';
import type { Logger } from '@danmaku/runtime';
import { startSimulator, type GroundTruth, type Simulator } from '@danmaku/simulator';
import { migrate } from '@danmaku/writer';
import { expect } from 'vitest';
import { uniqueName, waitFor } from '../../support/index.js';
import {
  closeSimulatorSessions,
  collectorEnv,
  committed,
  createTopics,
  loggedInSessions,
  waitCaughtUp,
  waitNoSessionJoined,
  waitSinkDrained,
  type Topics,
} from './pipeline.js';
import { stopGracefully, tail, type ServiceProcess } from './processes.js';
import { compareSaid, readGaps, type SaidComparison } from './said-compare.js';
import { compareWithTruth, readStored, type Comparison, type Stored } from './truth-compare.js';

export interface LoadOptions {
  seed: number;
  databaseUrl: string;
  brokers: string[];
  /** Prefix of the writer group's name. */
  group: string;
  rooms: number[];
  perRoomPerSec: number;
  /** Collector settings on top of the simulator/Kafka ones (COLLECTOR_ID, limits…). */
  collectorSettings: Record<string, string>;
  logger: Logger;
}

/** Simulator and in-process collector feeding Kafka; the writer is the scenario's own. */
export interface Load {
  sim: Simulator;
  collector: Collector;
  topics: Topics;
  group: string;
  url: string;
  brokers: string[];
}

/**
 * Migrates the database, creates the topics, starts the simulator's traffic and a collector
 * holding every room. The scenario starts its writer with `load.topics` and `load.group`.
 */
export async function startLoad(o: LoadOptions): Promise<Load> {
  await migrate(o.databaseUrl);
  const topics = await createTopics(o.brokers, 4);
  const sim = await startSimulator({
    seed: o.seed,
    rooms: o.rooms,
    traffic: { messagesPerSecond: o.perRoomPerSec, burstMultiplier: 2 },
  });
  const collector = await startRoomsCollector(sim, o.brokers, topics, o);
  const group = uniqueName(o.group);
  return { sim, collector, topics, group, url: o.databaseUrl, brokers: o.brokers };
}

/** An in-process collector holding every room of the load (a second one makes a split brain). */
export async function startRoomsCollector(
  sim: Simulator,
  brokers: string[],
  topics: Topics,
  o: Pick<LoadOptions, 'rooms' | 'collectorSettings' | 'logger'>,
): Promise<Collector> {
  return startCollector(
    loadCollectorConfig(
      collectorEnv(sim, brokers, topics, {
        ROOMS: o.rooms.join(','),
        CONNECT_RATE_PER_SEC: '200',
        ...o.collectorSettings,
      }),
    ),
    { http: false, logger: o.logger },
  );
}

/** Every room logged in and the writer committing. */
export async function waitFlowing(
  load: Load,
  writer: ServiceProcess,
  rooms: number,
): Promise<void> {
  await waitFor(() => loggedInSessions(load.sim) === rooms, {
    timeoutMs: 60_000,
    what: 'every room logged in',
  });
  await waitFor(async () => (await committed(load.url, load.group, load.topics.raw)) > 1_000, {
    timeoutMs: 120_000,
    what: `writer committing\n${tail(writer)}`,
  });
}

export interface Outcome {
  truth: GroundTruth;
  stored: Stored;
  comparison: Comparison;
  /** Against everything the rooms said until the sessions were closed. */
  said: SaidComparison;
  /** The collector's final /metrics text. */
  scrape: string;
  /** Records in the topics at the end: the writer committed all of them. */
  ends: { raw: number; sessions: number };
}

/**
 * Ends the load without losing what is in flight: the collector reads again and drains its sink,
 * the simulator closes its sessions (so the ground truth ends where the collector stopped), the
 * writer catches up and stops cleanly; then PostgreSQL is compared with the ground truth.
 */
export async function finishAndCompare(
  load: Load,
  writer: ServiceProcess,
  /** More in-process collectors feeding the same topics (a split brain): drained and closed too. */
  others: readonly Collector[] = [],
): Promise<Outcome> {
  const collectors = [load.collector, ...others];
  for (const collector of collectors) await waitSinkDrained(collector);
  const roomsAtClose = closeSimulatorSessions(load.sim);
  for (const collector of collectors) await waitNoSessionJoined(collector);
  for (const collector of collectors) await collector.close();
  const scrape = await load.collector.metrics.registry.metrics();
  const ends = await waitCaughtUp(load.url, load.brokers, load.topics, load.group, 600_000);
  expect(writer.isRunning(), tail(writer)).toBe(true);
  expect(await stopGracefully(writer), tail(writer)).toBe(0);
  const truth = load.sim.groundTruth();
  const stored = await readStored(load.url);
  const comparison = compareWithTruth(truth, stored);
  const said = compareSaid(roomsAtClose, truth, comparison, await readGaps(load.url));
  return { truth, stored, comparison, said, scrape, ends };
}
